// A job-status poll that fails (the entry service is down) tells the client nothing:
// the client keeps polling, and learns the job is done only from an answered poll.

#include <gtest/gtest.h>

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

double job(const boost::json::object& r, const char* summary, const char* stat) {
    return r.at("clients").at("web").at("job").at(summary).at(stat).to_number<double>();
}

TEST(JobPollOutage, FailedPollsDoNotReportTheJobDone) {
    // Five jobs arrive 100 ms apart, all by t = 0.5 s, and are accepted (1 ms of api work
    // plus a 2 ms broker ack) before the api goes down at 0.7 s. Each message takes
    // 800 ms, so every job's work ends inside the outage (0.7 s .. 2.0 s). Polls during
    // the outage are refused; the first answered poll comes at or after 2.0 s, at most
    // one poll interval later. So a job that arrived at t0 is known done between
    // 2.0 - t0 and 2.1 - t0 seconds after it arrived: at least 1.5 s, at most 2.1 s.
    ScenarioBuilder b;
    auto& web = b.client("web", 10);
    web.arrival = Arrival::uniform;
    web.pattern = ClientPattern::job;
    web.poll_interval_ms = 100;
    b.service("api", 16, Distribution::constant(1));
    b.queue("q");
    b.consumer("c", 8, Distribution::constant(800));
    b.edge("web", "api");
    b.publish("api", "q");
    b.deliver("q", "c");
    b.fault(FaultKind::down, "api", 0.7, 1.3);
    b.requests(5);
    ASSERT_EQ(problems(b.s), "");
    auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), 5);
    EXPECT_EQ(num(r, {"clients", "web", "job", "done"}), 5);
    EXPECT_NEAR(job(r, "accepted_ms", "max"), 3.0, 1e-6);
    // Had a refused poll counted, the jobs would be done one poll after their work,
    // about 0.9 s after arrival.
    EXPECT_GE(job(r, "done_ms", "mean"), 1500.0);
    EXPECT_LE(job(r, "done_ms", "max"), 2100.0 + 1e-6);
    // The refused polls were real calls that the api turned away.
    EXPECT_GT(num(r, {"clients", "web", "job", "polls"}), 5 * (1.3 / 0.1) - 5);
    EXPECT_GT(num(r, {"nodes", "api", "refused"}), 0);
}

}  // namespace
}  // namespace flowlab
