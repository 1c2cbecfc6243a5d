// Webhooks against polling: a worker calls the client's endpoint when the work is done,
// retrying with backoff while the endpoint is down; a polling client finds out at its
// next poll, on average half a poll interval late, and every earlier poll is wasted.

#include <gtest/gtest.h>

#include <cmath>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::ClientPattern;
using model::Distribution;
using model::FaultKind;
using testing::num;
using testing::problems;
using testing::ScenarioBuilder;

/// web (job, uniform 1/s) -> api (5 ms) -(async)-> q -> worker, with a webhook edge back
/// to web (latency `latency_ms`, one way) when `hook`.
ScenarioBuilder jobs(Distribution work, bool hook, double latency_ms = 0) {
    ScenarioBuilder b;
    auto& web = b.client("web", 1);
    web.arrival = Arrival::uniform;
    web.pattern = ClientPattern::job;
    b.service("api", 64, Distribution::constant(5));
    b.queue("q");
    b.consumer("worker", 1000, work);
    b.edge("web", "api");
    b.publish("api", "q");
    b.deliver("q", "worker");
    if (hook) {
        auto& e = b.edge("worker", "web", model::EdgeMode::webhook);
        e.latency = Distribution::constant(latency_ms);
    }
    return b;
}

double client(const boost::json::object& r, std::initializer_list<const char*> rest) {
    const boost::json::value* v = &r.at("clients").at("web");
    for (const char* k : rest) v = &v->at(k);
    return v->to_number<double>();
}

TEST(Webhook, TheCallbackArrivesOneTripAfterTheWorkAndNothingPolls) {
    auto b = jobs(Distribution::constant(3000), true, 20);
    b.requests(30);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    EXPECT_EQ(client(r, {"job", "polls"}), 0);
    EXPECT_EQ(client(r, {"job", "done"}), 30);
    EXPECT_EQ(client(r, {"webhook", "delivered"}), 30);
    EXPECT_EQ(client(r, {"webhook", "attempts"}), 30);
    EXPECT_NEAR(client(r, {"webhook", "notify_delay_ms", "max"}), 20, 1e-6);
    EXPECT_NEAR(client(r, {"webhook", "notify_delay_ms", "mean"}), 20, 1e-6);
    // Submitted at t: published at t + 5 ms, done 3 s later, known 20 ms after that.
    EXPECT_NEAR(client(r, {"webhook", "notify_ms", "mean"}), 5 + 3000 + 20, 1e-6);
    EXPECT_NEAR(client(r, {"job", "done_ms", "mean"}), 5 + 3000 + 20, 1e-6);
    EXPECT_EQ(num(r, {"nodes", "api", "received"}), 30);  // no poll reached the API
}

TEST(Webhook, RetriesFollowTheBackoffSchedule) {
    // One job, done at 1.105 s. Each refused attempt costs a round trip (2 x 10 ms) and
    // then the backoff: 1, 2, 4 s without jitter. The endpoint is down until 5 s, so
    // attempts 1 to 3 (at 1.105, 2.125 and 4.145 s) are refused and attempt 4 (8.165 s)
    // is delivered, 10 ms later: 3 x 20 + 1,000 + 2,000 + 4,000 + 10 = 7,070 ms late.
    auto b = jobs(Distribution::constant(100), true, 10);
    b.requests(1);
    model::EdgeRetry retry;
    retry.max_retries = 5;
    retry.backoff_ms = 1000;
    retry.multiplier = 2;
    retry.jitter = false;
    b.s.edges.back().retry = retry;
    b.fault(FaultKind::down, "web", 0, 5.0);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    EXPECT_EQ(client(r, {"webhook", "attempts"}), 4);
    EXPECT_EQ(client(r, {"webhook", "failed_attempts"}), 3);
    EXPECT_EQ(client(r, {"webhook", "delivered"}), 1);
    EXPECT_NEAR(client(r, {"webhook", "notify_delay_ms", "max"}), 7070, 1e-6);
}

TEST(Webhook, GivesUpAfterItsLastRetry) {
    auto b = jobs(Distribution::constant(100), true, 10);
    b.requests(1);
    model::EdgeRetry retry;
    retry.max_retries = 3;
    retry.backoff_ms = 500;
    retry.jitter = false;
    b.s.edges.back().retry = retry;
    b.fault(FaultKind::down, "web", 0);
    const auto r = testing::run_report(b.s);
    EXPECT_EQ(client(r, {"webhook", "attempts"}), 4);
    EXPECT_EQ(client(r, {"webhook", "failed_attempts"}), 4);
    EXPECT_EQ(client(r, {"webhook", "given_up"}), 1);
    EXPECT_EQ(client(r, {"webhook", "delivered"}), 0);
    EXPECT_EQ(client(r, {"webhook", "pending"}), 0);
    EXPECT_EQ(client(r, {"job", "done"}), 0);  // the client never heard
}

TEST(Webhook, JitteredBackoffStaysBelowItsCeiling) {
    // Full jitter draws each wait uniformly below the exponential ceiling, so the k-th
    // attempt comes at most sum of the ceilings (plus round trips) after the work.
    auto b = jobs(Distribution::constant(100), true, 0);
    auto& web = b.s.nodes[0];
    web.rate_per_s = 20;
    b.requests(200);
    model::EdgeRetry retry;
    retry.max_retries = 6;
    retry.backoff_ms = 100;
    retry.jitter = true;
    b.s.edges.back().retry = retry;
    b.fault(FaultKind::down, "web", 0, 20.0);
    const auto r = testing::run_report(b.s);
    EXPECT_EQ(client(r, {"webhook", "delivered"}) + client(r, {"webhook", "given_up"}), 200);
    EXPECT_LE(client(r, {"webhook", "notify_delay_ms", "max"}),
              (100 + 200 + 400 + 800 + 1600 + 3200) * 1.01);
}

TEST(Polling, NotificationDelayIsUniformOverThePollInterval) {
    // Work uniform over 10 whole poll intervals: the time from the work's end to the next
    // poll is then exactly uniform on [0, 1 s), mean 500 ms and median 500 ms. Over n
    // jobs the mean's standard error is 1,000 / sqrt(12 n); the median's is 1,000 x 0.5 /
    // sqrt(n) (density 1/1,000 per ms), plus the histogram's 1%. Three of each.
    auto b = jobs(Distribution::uniform(1000, 11000), false);
    b.s.nodes[0].rate_per_s = 20;
    b.s.nodes[0].poll_interval_ms = 1000;
    b.requests(3000);
    const auto r = testing::run_report(b.s);
    const double n = client(r, {"job", "done"});
    ASSERT_EQ(n, 3000);
    const double mean_se = 1000 / std::sqrt(12 * n);
    EXPECT_NEAR(client(r, {"job", "notify_delay_ms", "mean"}), 500, 3 * mean_se);
    EXPECT_NEAR(client(r, {"job", "notify_delay_ms", "p50"}), 500, 3 * 500 / std::sqrt(n) + 5);
    EXPECT_LT(client(r, {"job", "notify_delay_ms", "max"}), 1000 * 1.01);
    // Polls per job: ceil((work - 2 ms) / 1 s), uniform on 2..11, so 5.5 wasted on
    // average (standard deviation 2.87 per job).
    EXPECT_NEAR(client(r, {"job", "wasted_polls"}) / n, 5.5, 3 * 2.87 / std::sqrt(n));
    EXPECT_EQ(client(r, {"job", "wasted_polls"}) + n, client(r, {"job", "polls"}));
}

TEST(Webhook, RequestClientsAreCalledBackForTheEventsTheyCaused) {
    // A synchronous answer, then the downstream event delivered to the caller by webhook.
    ScenarioBuilder b;
    auto& web = b.client("web", 10);
    web.arrival = Arrival::uniform;
    b.service("api", 16, Distribution::constant(40));
    b.topic("events", 1);
    b.consumer("sender", 4, Distribution::constant(5));
    b.edge("web", "api");
    b.publish("api", "events");
    b.deliver("events", "sender");
    b.edge("sender", "web", model::EdgeMode::webhook);
    b.requests(100);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    EXPECT_EQ(client(r, {"ok"}), 100);
    EXPECT_NEAR(client(r, {"latency_ms", "max"}), 45, 1e-6);  // 40 ms work + the 5 ms ack
    EXPECT_EQ(client(r, {"webhook", "delivered"}), 100);
    EXPECT_NEAR(client(r, {"webhook", "notify_ms", "mean"}), 45, 1e-6);  // published at 40
}

TEST(WebhookValidation, OneEndpointPerClientAndOnlyRetriesApply) {
    auto b = jobs(Distribution::constant(100), true);
    b.consumer("other", 1, Distribution::constant(1));
    b.deliver("q", "other");
    b.edge("other", "web", model::EdgeMode::webhook);
    model::Breaker breaker;
    b.s.edges[3].breaker = breaker;
    const std::string all = problems(b.s);
    EXPECT_NE(all.find("edges[5]: client 'web' is already called back"), std::string::npos) << all;
    EXPECT_NE(all.find("edges[3].breaker: applies only to sync edges"), std::string::npos) << all;
}

TEST(WebhookValidation, ADownClientNeedsAnEndpoint) {
    auto b = jobs(Distribution::constant(100), false);
    b.fault(FaultKind::down, "web", 1);
    EXPECT_NE(problems(b.s).find("faults[0].fault: 'down' on a client takes its webhook"),
              std::string::npos)
        << problems(b.s);
}

}  // namespace
}  // namespace flowlab
