// A topic with retention is a log: it keeps messages after consumption, bounded by time
// or by size, and a consumer group that joins later or is reset reads history again.

#include <gtest/gtest.h>

#include <cmath>

#include "flowlab/model/parse.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Distribution;
using model::FaultKind;
using model::StartOffset;
using testing::num;
using testing::problems;
using testing::ScenarioBuilder;

/// web (uniform `rate`/s) -> api (5 ms) -(async)-> events (retained log) -> billing.
ScenarioBuilder log_of(double rate, int partitions = 1) {
    ScenarioBuilder b;
    auto& web = b.client("web", rate);
    web.arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(5));
    b.topic("events", partitions);
    b.consumer("billing", partitions, Distribution::constant(1));
    b.edge("web", "api");
    b.publish("api", "events", 1000);
    b.deliver("events", "billing");
    return b;
}

double topic(const boost::json::object& r, std::initializer_list<const char*> rest) {
    const boost::json::value* v = &r.at("nodes").at("events");
    for (const char* k : rest)
        v = v->is_array() ? &v->as_array().at(std::stoul(k)) : &v->as_object().at(k);
    return v->to_number<double>();
}

double processed(const boost::json::object& r, const char* consumer) {
    return num(r, {"nodes", consumer, "processed"});
}

TEST(EventLog, SizeRetentionKeepsExactlyTheNewestMessages) {
    auto b = log_of(10);
    b.s.nodes[2].retention_messages = 50;
    b.duration(20);
    ASSERT_EQ(problems(b.s), "");
    runtime::Simulation sim(b.s);
    // After every publish the log holds min(published, 50): never one more, never one less.
    for (int k = 1; k <= 200; ++k) {
        sim.advance_to(kernel::from_ms(k * 100.0 + 50));
        const auto r = sim.report();
        const double published = topic(r, {"published"});
        EXPECT_EQ(topic(r, {"retention", "retained"}), std::min(published, 50.0)) << k;
        EXPECT_EQ(topic(r, {"retention", "expired"}), std::max(0.0, published - 50)) << k;
        EXPECT_EQ(topic(r, {"partitions", "0", "log_end"}), published) << k;
        EXPECT_EQ(topic(r, {"partitions", "0", "log_start"}), topic(r, {"retention", "expired"}));
    }
}

TEST(EventLog, TimeRetentionExpiresEachMessageAtItsAge) {
    // Arrivals every 100 ms exactly (the first at 100 ms), appended 5 ms later: the message
    // of arrival k sits in the log from k x 100 + 5 ms until 2,000 ms after that.
    auto b = log_of(10);
    b.s.nodes[2].retention_ms = 2000;
    b.duration(20);
    ASSERT_EQ(problems(b.s), "");
    runtime::Simulation sim(b.s);
    for (double t_ms = 250; t_ms < 20000; t_ms += 370) {
        sim.advance_to(kernel::from_ms(t_ms));
        int expected = 0;
        for (int k = 1; k * 100.0 + 5 <= t_ms; ++k)
            if (k * 100.0 + 5 + 2000 > t_ms) ++expected;
        const auto r = sim.report();
        EXPECT_EQ(topic(r, {"retention", "retained"}), expected) << t_ms;
        EXPECT_LT(topic(r, {"retention", "oldest_age_ms"}), 2000.0) << t_ms;
    }
}

TEST(EventLog, GroupJoiningAtEarliestReadsEveryRetainedMessageOnce) {
    // 4 partitions, everything retained: the late group reads the whole history once,
    // then keeps up with the live stream, exactly like the group that was there all along.
    auto b = log_of(20, 4);
    b.s.nodes[2].retention_messages = 1'000'000;
    auto& late = b.consumer("audit", 4, Distribution::constant(1));
    late.join_at_s = 10;
    late.start = StartOffset::earliest;
    b.deliver("events", "audit");
    b.duration(20);
    ASSERT_EQ(problems(b.s), "");
    runtime::Simulation sim(b.s);
    sim.advance_to(kernel::from_s(10) - 1);
    const double before_join = topic(sim.report(), {"published"}) / 1.0;  // billing's copies
    sim.run_to_end();
    const auto r = sim.report();
    EXPECT_EQ(processed(r, "audit"), processed(r, "billing"));
    EXPECT_EQ(processed(r, "billing"), num(r, {"clients", "web", "requests"}));
    EXPECT_EQ(num(r, {"nodes", "audit", "duplicates_delivered"}), 0);
    EXPECT_EQ(topic(r, {"groups", "audit", "replayed"}), before_join);
    EXPECT_EQ(topic(r, {"groups", "audit", "unreplayable"}), 0);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(EventLog, ReplayStopsAtTheRetentionHorizonAndCountsWhatIsGone) {
    // 10 s of retention: a group joining at 30 s at the earliest offset finds only the
    // last 10 s; what expired before is counted as unreplayable, and it reads the rest.
    auto b = log_of(10);
    b.s.nodes[2].retention_ms = 10000;
    auto& late = b.consumer("audit", 1, Distribution::constant(1));
    late.join_at_s = 30;
    late.start = StartOffset::earliest;
    b.deliver("events", "audit");
    b.duration(40);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    // Appended at k x 100 + 5 ms; at 30 s those after 20 s are kept: k = 200..299.
    EXPECT_EQ(topic(r, {"groups", "audit", "replayed"}), 100);
    EXPECT_EQ(topic(r, {"groups", "audit", "unreplayable"}), 199);
    EXPECT_EQ(processed(r, "audit") + topic(r, {"groups", "audit", "unreplayable"}),
              processed(r, "billing"));
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(EventLog, GroupJoiningAtLatestSeesOnlyNewMessages) {
    auto b = log_of(10);
    b.s.nodes[2].retention_messages = 1'000'000;
    auto& late = b.consumer("audit", 1, Distribution::constant(1));
    late.join_at_s = 10.05;  // after the 100th arrival's publish (10.005 s)
    b.deliver("events", "audit");
    b.duration(20);
    const auto r = testing::run_report(b.s);
    EXPECT_EQ(processed(r, "audit"), processed(r, "billing") - 100);
    EXPECT_EQ(topic(r, {"groups", "audit", "replayed"}), 0);
}

TEST(EventLog, JoiningAtATimeStartsAtTheFirstMessagePublishedThen) {
    auto b = log_of(10);
    b.s.nodes[2].retention_messages = 1'000'000;
    auto& late = b.consumer("audit", 1, Distribution::constant(1));
    late.join_at_s = 10.05;
    late.start = StartOffset::at_time;
    late.start_at_s = 5;  // arrivals 50.. were appended at 5.005 s and later
    b.deliver("events", "audit");
    b.duration(20);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    EXPECT_EQ(topic(r, {"groups", "audit", "replayed"}), 100 - 49);
    EXPECT_EQ(processed(r, "audit"), processed(r, "billing") - 49);
}

TEST(EventLog, ResetToEarliestReplaysIntoTheSameGroupAsDuplicates) {
    // A running group moved back to the start re-reads what it processed: each replayed
    // message is a duplicate delivery, and without idempotency a second side effect.
    auto b = log_of(10);
    b.s.nodes[2].retention_messages = 1'000'000;
    auto& reset = b.fault(FaultKind::reset, "billing", 10.05);
    reset.to = StartOffset::earliest;
    b.duration(20);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    const double requests = num(r, {"clients", "web", "requests"});
    EXPECT_EQ(topic(r, {"groups", "billing", "replayed"}), 100);
    EXPECT_EQ(processed(r, "billing"), requests + 100);
    EXPECT_EQ(num(r, {"nodes", "billing", "double_side_effects"}), 100);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(EventLog, ResetToLatestSkipsWhatTheGroupHadNotRead) {
    // A paused group builds a backlog; moving it to the latest offset skips the backlog.
    auto b = log_of(10);
    b.s.nodes[2].retention_messages = 1'000'000;
    b.fault(FaultKind::pause, "billing", 0, 10.05);
    auto& reset = b.fault(FaultKind::reset, "billing", 10.0);
    reset.to = StartOffset::latest;
    b.duration(20);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    // Arrivals 1..99 were appended by 10 s (the 100th at 10.005 s).
    EXPECT_EQ(topic(r, {"groups", "billing", "skipped"}), 99);
    EXPECT_EQ(processed(r, "billing"), num(r, {"clients", "web", "requests"}) - 99);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(EventLog, AQueueConsumerJoiningLaterSharesOnlyNewMessages) {
    // The contrast: a queue forgets what it handed out, so a consumer added later
    // competes for new messages and reads nothing of the past.
    ScenarioBuilder b;
    auto& web = b.client("web", 10);
    web.arrival = Arrival::uniform;
    b.service("api", 8, Distribution::constant(5));
    b.queue("jobs");
    b.consumer("first", 1, Distribution::constant(1));
    auto& late = b.consumer("second", 1, Distribution::constant(1));
    late.join_at_s = 10.05;
    b.edge("web", "api");
    b.publish("api", "jobs");
    b.deliver("jobs", "first");
    b.deliver("jobs", "second");
    b.duration(20);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    EXPECT_EQ(processed(r, "first") + processed(r, "second"),
              num(r, {"clients", "web", "requests"}));
    // Round robin between two idle consumers: the 100 later messages split in halves.
    EXPECT_NEAR(processed(r, "second"), 50, 1);
}

TEST(EventLog, TopicsWithoutRetentionReportNoLogFigures) {
    auto b = log_of(10);
    b.duration(5);
    const auto r = testing::run_report(b.s);
    EXPECT_FALSE(r.at("nodes").at("events").as_object().contains("retention"));
    EXPECT_FALSE(r.at("conservation").as_object().contains("replayed"));
}

std::string first_problem_at(const model::Scenario& s, const std::string& path) {
    for (const auto& d : model::validate(s))
        if (d.path == path) return d.message;
    return "";
}

TEST(EventLogValidation, ReplaysNeedHistory) {
    auto b = log_of(10);
    b.duration(20);
    auto& late = b.consumer("audit", 1, Distribution::constant(1));
    late.join_at_s = 10;
    late.start = StartOffset::earliest;
    b.deliver("events", "audit");
    b.fault(FaultKind::reset, "billing", 5).to = StartOffset::earliest;
    EXPECT_NE(first_problem_at(b.s, "nodes[4].start").find("keeps none"), std::string::npos)
        << problems(b.s);
    EXPECT_NE(first_problem_at(b.s, "faults[0].to").find("keeps none"), std::string::npos);
    b.s.nodes[2].retention_ms = 1000;
    EXPECT_EQ(problems(b.s), "");
}

TEST(EventLogValidation, ResetsAndStartsBelongToTopicGroups) {
    ScenarioBuilder b;
    b.client("web", 10);
    b.service("api", 8, Distribution::constant(5));
    b.queue("jobs");
    auto& c = b.consumer("worker", 1, Distribution::constant(1));
    c.start = StartOffset::earliest;
    b.edge("web", "api");
    b.publish("api", "jobs");
    b.deliver("jobs", "worker");
    b.fault(FaultKind::reset, "worker", 5, 2.0);
    EXPECT_NE(first_problem_at(b.s, "nodes[3].start").find("only to a consumer of a topic"),
              std::string::npos)
        << problems(b.s);
    EXPECT_NE(first_problem_at(b.s, "faults[0].target").find("not fed by a topic"),
              std::string::npos);
    EXPECT_NE(first_problem_at(b.s, "faults[0].for_s").find("not a parameter of a reset fault"),
              std::string::npos);
}

TEST(EventLogValidation, AStartTimeAfterTheJoinIsRefused) {
    auto b = log_of(10);
    b.s.nodes[2].retention_ms = 60000;
    auto& late = b.consumer("audit", 1, Distribution::constant(1));
    late.join_at_s = 10;
    late.start = StartOffset::at_time;
    late.start_at_s = 12;
    b.deliver("events", "audit");
    EXPECT_NE(first_problem_at(b.s, "nodes[4].start_at_s").find("at most join_at_s"),
              std::string::npos)
        << problems(b.s);
}

TEST(EventLogValidation, ErrorsInAFileAreLocated) {
    const std::string text = R"({"format": "flowlab/1", "name": "t", "run": {"duration_s": 5},
  "nodes": [
    {"id": "web", "kind": "client", "rate_per_s": 1},
    {"id": "api", "kind": "service"},
    {"id": "events", "kind": "topic", "retention_ms": -5},
    {"id": "audit", "kind": "consumer", "join_at_s": 3, "start": "earliest"}
  ],
  "edges": [
    {"from": "web", "to": "api", "mode": "sync"},
    {"from": "api", "to": "events", "mode": "async"},
    {"from": "events", "to": "audit", "mode": "deliver"}
  ]})";
    const auto result = model::parse_scenario(text, "log.json");
    ASSERT_FALSE(result.ok());
    std::string all;
    for (const auto& d : result.errors) all += d.to_string() + "\n";
    EXPECT_NE(all.find("log.json:5:"), std::string::npos) << all;
    EXPECT_NE(all.find("nodes[2].retention_ms"), std::string::npos) << all;
}

}  // namespace
}  // namespace flowlab
