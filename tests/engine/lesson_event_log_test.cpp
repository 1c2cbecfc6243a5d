// Lesson 24 (queue vs event log): what its text claims, from the mechanism and from the
// statistics of its Poisson orders, never from numbers copied from a run.

#include <gtest/gtest.h>

#include <cmath>

#include "flowlab/model/parse.hpp"
#include "scenario_builder.hpp"
#include "shipped_lessons.hpp"

namespace flowlab {
namespace {

using testing::load_lesson;
using testing::num;

double group(const boost::json::object& r, const char* g, const char* key) {
    return num(r, {"nodes", "order-events", "groups", g, key});
}

class QueueVsLog : public ::testing::Test {
protected:
    void SetUp() override {
        s = load_lesson("24-queue-vs-log.json");
        ASSERT_FALSE(s.nodes.empty());
        rate = s.find_node("shop")->rate_per_s;
        retention_s = *s.find_node("order-events")->retention_ms / 1000;
        join_s = s.find_node("audit")->join_at_s;
        reset_from_s = s.faults.at(0).to_at_s;
        reset_at_s = s.faults.at(0).at_s;
        runtime::Simulation sim(s);
        sim.run_to_end();
        r = sim.report();
    }
    model::Scenario s;
    boost::json::object r;
    double rate = 0, retention_s = 0, join_s = 0, reset_from_s = 0, reset_at_s = 0;
};

/// A Poisson count of mean m lies within 3 standard deviations.
void expect_poisson(double count, double m, const char* what) {
    EXPECT_NEAR(count, m, 3 * std::sqrt(m)) << what;
}

TEST_F(QueueVsLog, TheNewGroupReplaysWhatRetentionStillHolds) {
    // At the join the log holds the orders of the last retention_s; it asks for the day
    // from offset 0, and what expired before the join is counted, not read.
    expect_poisson(group(r, "audit", "replayed"), rate * retention_s, "replayed");
    expect_poisson(group(r, "audit", "unreplayable"), rate * (join_s - retention_s),
                   "unreplayable");
    // Exactly: audit reads everything billing read once, except what had expired.
    EXPECT_EQ(num(r, {"nodes", "audit", "processed"}) + group(r, "audit", "unreplayable") +
                  group(r, "billing", "replayed"),
              num(r, {"nodes", "billing", "processed"}));
    EXPECT_EQ(num(r, {"nodes", "audit", "duplicates_delivered"}), 0);
}

TEST_F(QueueVsLog, TheQueuesNewConsumerOnlySharesNewOrders) {
    // Round robin between two idle consumers: half of the orders after the join, each
    // half of a Poisson count (variance m/4), within 3 standard deviations plus one.
    const double after = rate * (s.run.duration_s.value() - join_s);
    EXPECT_NEAR(num(r, {"nodes", "audit-q", "processed"}), after / 2, 3 * std::sqrt(after / 4) + 1);
    EXPECT_EQ(
        num(r, {"nodes", "audit-q", "processed"}) + num(r, {"nodes", "billing-q", "processed"}),
        num(r, {"clients", "shop", "requests"}));
}

TEST_F(QueueVsLog, TheLogKeepsItsRetentionWindowAndNoMore) {
    const double end_s = num(r, {"sim_time_s"});
    expect_poisson(num(r, {"nodes", "order-events", "retention", "retained"}), rate * retention_s,
                   "retained");
    EXPECT_LT(num(r, {"nodes", "order-events", "retention", "oldest_age_ms"}), retention_s * 1000);
    EXPECT_GE(end_s, s.run.duration_s.value());
    // Everything published and not retained has expired: the log is its window exactly.
    EXPECT_EQ(
        num(r, {"nodes", "order-events", "retention", "retained"}) +
            num(r, {"nodes", "order-events", "retention", "expired"}),
        r.at("nodes").at("order-events").at("partitions").at(0).at("log_end").to_number<double>());
}

TEST_F(QueueVsLog, TheResetBillsTheReplayedOrdersAgain) {
    expect_poisson(group(r, "billing", "replayed"), rate * (reset_at_s - reset_from_s),
                   "billing replayed");
    EXPECT_EQ(num(r, {"nodes", "billing", "double_side_effects"}), group(r, "billing", "replayed"));
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST_F(QueueVsLog, WithoutTheResetNothingIsBilledTwice) {
    // The same orders (same seed, same arrivals) without the reset: no duplicates at all,
    // so the double side effects above are the reset's doing.
    model::Scenario calm = s;
    calm.faults.clear();
    const auto quiet = testing::run_report(calm);
    EXPECT_EQ(num(quiet, {"nodes", "billing", "double_side_effects"}), 0);
    EXPECT_EQ(num(quiet, {"clients", "shop", "requests"}), num(r, {"clients", "shop", "requests"}));
}

}  // namespace
}  // namespace flowlab
