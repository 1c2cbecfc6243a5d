// Lessons 25 (webhook vs polling) and 32 (a card charge answered synchronously, its
// events delivered by webhooks): their claims, from the mechanism and from statistics.

#include <gtest/gtest.h>

#include <cmath>

#include "flowlab/model/parse.hpp"
#include "scenario_builder.hpp"
#include "shipped_lessons.hpp"

namespace flowlab {
namespace {

using testing::load_lesson;
using testing::num;

double client(const boost::json::object& r, const char* id,
              std::initializer_list<const char*> rest) {
    const boost::json::value* v = &r.at("clients").at(id);
    for (const char* k : rest) v = &v->at(k);
    return v->to_number<double>();
}

TEST(WebhookLesson, PollingIsHalfAnIntervalLateAndWastesPolls) {
    const auto s = load_lesson("25-webhook-vs-polling.json");
    const auto r = testing::run_report(s);
    const double interval = s.find_node("poller")->poll_interval_ms;
    const double n = client(r, "poller", {"job", "done"});
    ASSERT_GT(n, 0);
    // Builds span whole poll intervals, so the delay is uniform on [0, interval).
    EXPECT_NEAR(client(r, "poller", {"job", "notify_delay_ms", "mean"}), interval / 2,
                3 * interval / std::sqrt(12 * n));
    // Builds of 2 to 10 s are polled ceil(build / 2 s) = 2 to 5 times, uniformly: 2.5
    // wasted on average, standard deviation 1.12 per job.
    EXPECT_NEAR(client(r, "poller", {"job", "wasted_polls"}) / n, 2.5, 3 * 1.12 / std::sqrt(n));
}

TEST(WebhookLesson, TheCallbackIsOneTripLateAndSurvivesTheOutage) {
    const auto s = load_lesson("25-webhook-vs-polling.json");
    const auto r = testing::run_report(s);
    const double trip = s.edges.back().latency.a;
    EXPECT_NEAR(client(r, "hooked", {"job", "notify_delay_ms", "p50"}), trip, trip * 0.01);
    EXPECT_EQ(client(r, "hooked", {"job", "polls"}), 0);
    EXPECT_GT(client(r, "hooked", {"webhook", "failed_attempts"}), 0);
    EXPECT_EQ(client(r, "hooked", {"webhook", "given_up"}), 0);
    EXPECT_EQ(client(r, "hooked", {"webhook", "delivered"}), client(r, "hooked", {"job", "done"}));
    // A callback refused at the outage's start waits 1 + 2 + 4 + 8 + 16 s of backoff
    // (plus a 40 ms round trip per refusal) before the attempt after the outage.
    EXPECT_LE(client(r, "hooked", {"job", "notify_delay_ms", "max"}),
              (31000 + 5 * 2 * trip + trip) * 1.01);
}

TEST(WebhookLesson, GivingUpTooEarlyLeavesClientsInTheDark) {
    // The lesson's first "try": two retries (3 s) cannot outlast the 20 s outage.
    auto s = load_lesson("25-webhook-vs-polling.json");
    s.edges.back().retry->max_retries = 2;
    const auto r = testing::run_report(s);
    EXPECT_GT(client(r, "hooked", {"webhook", "given_up"}), 0);
    EXPECT_EQ(client(r, "hooked", {"webhook", "delivered"}) +
                  client(r, "hooked", {"webhook", "given_up"}),
              client(r, "hooked", {"webhook", "sent"}));
}

TEST(CardChargeLesson, TheChargeIsSynchronousAndUntouchedByTheOutage) {
    const auto s = load_lesson("32-real-card-charge.json");
    const auto r = testing::run_report(s);
    const auto& network = s.find_node("card-network")->work;
    const double expected =
        s.find_node("payments-api")->work.a + network.a + s.find_node("charge-events")->ack.a;
    // The median of n lognormal draws: standard error sqrt(1/4n) / f(median), f(median) =
    // phi(0) / (median sigma); plus the histogram's 1%.
    const double n = client(r, "merchant", {"requests"});
    const double f = 0.3989422804 / (network.a * network.lognormal_sigma());
    EXPECT_NEAR(client(r, "merchant", {"latency_ms", "p50"}), expected,
                3 * std::sqrt(0.25 / n) / f + 0.01 * expected);
    EXPECT_EQ(client(r, "merchant", {"availability"}), 1);
}

TEST(CardChargeLesson, EveryChargeEventReachesTheMerchantOnce) {
    const auto s = load_lesson("32-real-card-charge.json");
    const auto r = testing::run_report(s);
    EXPECT_GT(client(r, "merchant", {"webhook", "failed_attempts"}), 0);
    EXPECT_EQ(client(r, "merchant", {"webhook", "given_up"}), 0);
    EXPECT_EQ(client(r, "merchant", {"webhook", "pending"}), 0);
    EXPECT_EQ(client(r, "merchant", {"webhook", "delivered"}), client(r, "merchant", {"ok"}));
    EXPECT_NEAR(client(r, "merchant", {"webhook", "notify_delay_ms", "p50"}),
                s.edges.back().latency.a, s.edges.back().latency.a * 0.012);
}

}  // namespace
}  // namespace flowlab
