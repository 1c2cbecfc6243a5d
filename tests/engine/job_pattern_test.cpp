// The job pattern (202 Accepted, then polling): the client's answer comes as soon as the
// entry service has published; the job is done when its messages are processed, and
// the client finds out by polling the entry service with real requests.

#include <gtest/gtest.h>

#include <cmath>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::ClientPattern;
using model::Distribution;
using testing::num;
using testing::problems;
using testing::ScenarioBuilder;

boost::json::object run_valid(const model::Scenario& s) {
    EXPECT_EQ(problems(s), "");
    return testing::run_report(s);
}

double job(const boost::json::object& r, std::initializer_list<const char*> rest) {
    const boost::json::value* v = &r.at("clients").at("web").at("job");
    for (const char* k : rest) v = &v->at(k);
    return v->to_number<double>();
}

/// web (job, uniform 20/s, polls every 100 ms) -> api (5 ms) -(async)-> q -> c (300 ms).
ScenarioBuilder jobs(Distribution consumer_work) {
    ScenarioBuilder b;
    auto& web = b.client("web", 20);
    web.arrival = Arrival::uniform;
    web.pattern = ClientPattern::job;
    web.poll_interval_ms = 100;
    b.service("api", 16, Distribution::constant(5));
    b.queue("q");
    b.consumer("c", 8, consumer_work);
    b.edge("web", "api");
    b.publish("api", "q");
    b.deliver("q", "c");
    b.requests(40);
    return b;
}

TEST(JobPattern, AcceptedFastDoneAfterTheWorkFoundByPolling) {
    // A job arriving at t0: api works 5 ms and publishes; the queue acks 2 ms later, so
    // the client has its 202 at t0 + 7 ms. The message is processed from t0 + 5 to
    // t0 + 305 (20/s x 300 ms = 6 of 8 workers: no waiting). Polls at t0 + 107, 207 and
    // 307 ms; the third finds the job done.
    auto r = run_valid(jobs(Distribution::constant(300)).s);
    const double requests = num(r, {"clients", "web", "requests"});
    EXPECT_EQ(requests, 40);
    EXPECT_NEAR(job(r, {"accepted_ms", "mean"}), 7.0, 1e-6);
    EXPECT_NEAR(job(r, {"accepted_ms", "max"}), 7.0, 1e-6);
    EXPECT_NEAR(job(r, {"done_ms", "mean"}), 307.0, 1e-6);
    EXPECT_NEAR(job(r, {"done_ms", "p50"}), 307.0, 307.0 * 0.008);
    EXPECT_EQ(job(r, {"polls"}), 3 * requests);
    EXPECT_EQ(job(r, {"done"}), requests);
    EXPECT_EQ(job(r, {"failed"}), 0);
    // The user's latency is the 202's.
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), 7.0, 1e-6);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), requests);
    // Every poll is a request on the entry service.
    EXPECT_EQ(num(r, {"nodes", "api", "received"}), requests + job(r, {"polls"}));
    EXPECT_GT(num(r, {"nodes", "api", "received"}), requests);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(JobPattern, DoneTimeIsTheFirstPollAfterTheWork) {
    // The message is processed from its publish, 2 ms (the queue's ack) before the 202,
    // and polls come every 100 ms after the 202. So for each job done - accepted lies in
    // [max(100, work - 2), max(100, work - 2 + 100)): never below one interval, and at
    // most one interval past the work. Averaged over exponential work (mean 50 ms, sd
    // 50 ms) the upper end is 148 ms plus sampling error.
    auto b = jobs(Distribution::exponential(50));
    b.s.nodes[1].work = Distribution::exponential(5);
    b.s.nodes[0].rate_per_s = 50;
    b.s.nodes[3].concurrency = 64;  // 50/s x 50 ms: workers never run out
    b.requests(2000);
    auto r = run_valid(b.s);
    const double n = num(r, {"clients", "web", "requests"});
    const double gap = job(r, {"done_ms", "mean"}) - job(r, {"accepted_ms", "mean"});
    EXPECT_GE(gap, 100 - 1e-6);
    EXPECT_LE(gap, 148 + 4.5 * 50 / std::sqrt(n));
    EXPECT_EQ(job(r, {"done"}), n);
    EXPECT_GE(job(r, {"polls"}), n) << "at least one poll per job";
    EXPECT_EQ(num(r, {"nodes", "api", "received"}), n + job(r, {"polls"}));
}

TEST(JobPattern, DeadLetteredWorkFailsTheJobNotTheRequest) {
    auto b = jobs(Distribution::constant(10));
    b.s.nodes[3].failure_rate = 1.0;
    b.dlq("dead");
    b.dead_letter("c", "dead");
    auto r = run_valid(b.s);
    const double requests = num(r, {"clients", "web", "requests"});
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), requests) << "the 202 itself succeeded";
    EXPECT_EQ(job(r, {"failed"}), requests);
    EXPECT_EQ(job(r, {"done"}), 0);
    EXPECT_EQ(num(r, {"nodes", "dead", "count"}), requests);
    // Dead-lettered at t0 + 15 ms: the first poll (t0 + 107 ms) finds it over.
    EXPECT_EQ(job(r, {"polls"}), requests);
}

TEST(JobPattern, AJobWithoutAsynchronousWorkIsDoneWhenAccepted) {
    ScenarioBuilder b;
    auto& web = b.client("web", 20);
    web.pattern = ClientPattern::job;
    b.service("api", 16, Distribution::exponential(5));
    b.edge("web", "api");
    b.requests(100);
    auto r = run_valid(b.s);
    EXPECT_EQ(job(r, {"polls"}), 0);
    EXPECT_EQ(job(r, {"done"}), 100);
    EXPECT_EQ(job(r, {"done_ms", "mean"}), job(r, {"accepted_ms", "mean"}));
}

TEST(JobPattern, FanOutOnATopicWaitsForEveryGroup) {
    // Two groups: the job is done only when the slower one (200 ms) has processed it.
    ScenarioBuilder b;
    auto& web = b.client("web", 10);
    web.arrival = Arrival::uniform;
    web.pattern = ClientPattern::job;
    web.poll_interval_ms = 50;
    b.service("api", 16, Distribution::constant(0));
    b.topic("t", 4);
    b.consumer("quick", 4, Distribution::constant(10));
    b.consumer("slow", 4, Distribution::constant(200));
    b.edge("web", "api");
    b.publish("api", "t", 16);
    b.deliver("t", "quick");
    b.deliver("t", "slow");
    b.requests(20);
    auto r = run_valid(b.s);
    // Accepted after the topic's 5 ms ack; polls at 55, 105, 155, 205 ms: the slow group
    // is done at 200 ms at the earliest (later if its partition was still busy with an
    // earlier message), so no job is done before 205 ms.
    EXPECT_NEAR(job(r, {"accepted_ms", "mean"}), 5.0, 1e-6);
    EXPECT_GE(job(r, {"done_ms", "mean"}), 205.0 - 1e-6);
    EXPECT_GE(job(r, {"done_ms", "p50"}), 205.0 * (1 - 0.008));
    EXPECT_EQ(num(r, {"nodes", "quick", "processed"}), 20);
    EXPECT_EQ(num(r, {"nodes", "slow", "processed"}), 20);
    EXPECT_EQ(job(r, {"done"}), 20);
}

}  // namespace
}  // namespace flowlab
