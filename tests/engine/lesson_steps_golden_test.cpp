// Every shipped lesson's steps, walked through on a real run of the file as a student who
// presses "Run to next checkpoint" at each step would: every checkpoint is reached, and
// every prediction is measured. Each prediction's key number is derived here from the
// lesson's mechanism or theory (not read from a run), and must be judged right against the
// measured value within the step's tolerance, while the tempting wrong answer the lesson
// argues against must be judged wrong. The step's `why` must state the key number, so that
// the number the student is told is the one the judge accepts.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "flowlab/run/lesson_steps.hpp"
#include "flowlab/run/metric_path.hpp"
#include "flowlab/theory/cache_limiter.hpp"
#include "shipped_lessons.hpp"

namespace flowlab {
namespace {

struct KeyNumber {
    std::string metric;  ///< what the lesson's prediction asks for
    double key;          ///< the answer the lesson teaches
    double tempting;     ///< the answer it argues against
    std::string stated;  ///< how `why` states the key number
};

/// The key number of each lesson's prediction, from the lesson's own reasoning.
const std::map<std::string, KeyNumber>& key_numbers() {
    const double lognormal_build_ms = model::Distribution::lognormal(3000, 12000).mean_ms();
    static const std::map<std::string, KeyNumber> keys{
        // Success chances multiply along a synchronous chain; one hop alone is 0.999.
        {"01-availability-trap.json",
         {"clients.web.availability", std::pow(0.999, 3), 0.999, "99.7%"}},
        {"02-availability-trap-8-hops.json",
         {"clients.web.availability", std::pow(0.999, 8), std::pow(0.999, 3), "99.2%"}},
        // The sum of the four hops' P99s, against one hop's.
        {"03-latency-trap.json", {"theory.p99_work_sum_ms", 4 * 80.0, 80, "320 ms"}},
        // 80 arrive a second, 8 threads at 127 ms finish 63, for the 30 s of the slowdown;
        // tempting: no backlog, since inventory is at most half busy.
        {"04-thread-pool-exhaustion.json",
         {"nodes.api.backlog_max", (80 - 8 / 0.127) * 30, 0, "510"}},
        // 2 ms of work plus the 200 ms timeout, against reports' slowed-down 3 x 200 ms.
        {"05-timeouts-wasted-work.json", {"clients.web.latency_ms.max", 2 + 200.0, 600, "202 ms"}},
        // 100/s x 60 ms on 8 threads, against a saturated service.
        {"06-retry-storm.json", {"nodes.payments.utilization", 100 * 0.060 / 8, 1.0, "0.75"}},
        // The fallback answers every refused or failed call; lesson 06's ceiling was 50/60.
        {"07-circuit-breaker.json", {"clients.web.availability", 1.0, 50.0 / 60, "100%"}},
        // 50/s for the 20 s hang, less the gateway's 32 threads and F's 16 x 9 timeouts.
        {"08-cascading-checkout.json",
         {"nodes.gateway.backlog_max", 50 * 20.0 - 32 - 16 * 9, 50 * 20.0, "824"}},
        {"09-decoupling.json", {"nodes.fulfilment-queue.depth_max", 50 * 20.0, 0, "1,000"}},
        // Three consumer groups each get every event, against one copy per order.
        {"10-fan-out.json", {"nodes.order-events.published", 3 * 40 * 60.0, 40 * 60.0, "7,200"}},
        // 21 of 64 keys in partition 0, for the 45 s after the pill.
        {"11-poison-pill-no-dlq.json",
         {"nodes.payment-events.partitions.0.lag_end", 40 * 21 / 64.0 * 45, 0, "590"}},
        // The same arrivals for the pill's 1.4 s of retries, plus the pill; against lesson 11.
        {"12-poison-pill-dlq.json",
         {"nodes.payment-events.partitions.0.depth_max", 40 * 21 / 64.0 * 1.4 + 1,
          40 * 21 / 64.0 * 45, "20"}},
        // 7% of ~1,200 sends outlast the visibility timeout (each may be redelivered again).
        {"13-at-least-once.json",
         {"nodes.welcome-emails.redelivered", 1200 * 0.07 / 0.93, 0, "90"}},
        {"14-idempotency.json",
         {"nodes.mailer.double_side_effects", 0, 1200 * 0.07 / 0.93, "None"}},
        // An update overtakes the one before it with probability 15/(15+25) x 1/2.
        {"15-ordering.json",
         {"nodes.price-queue.ordering_violations", 15.0 / (15 + 25) / 2 * 900, 0, "169"}},
        // 50 more clicks arrive than leave each second from about 17 s to 35 s.
        {"16-backpressure.json", {"nodes.ingest.backlog_max", 50 * 18.0, 0, "900"}},
        // 150/s x 50 ms busy instances, against the 2 configured.
        {"17-autoscale.json", {"nodes.thumbnailer.instances_max", 150 * 50 / 1000.0, 2, "7.5"}},
        // The mean build time plus half a poll interval, against the 22 ms of the 202.
        {"18-job-202.json",
         {"clients.analyst.job.done_ms.mean", lognormal_build_ms + 500, 22, "4,100 ms"}},
        {"19-observability-gap.json", {"traces.connected", 0, 0.2 * 20 * 60, "None"}},
        {"20-observability-fixed.json", {"traces.connected", 0.2 * 20 * 60, 0, "240"}},
        // Checkout's work, payment's median and one ack; tempting: forgetting the ack.
        {"21-hybrid-checkout.json",
         {"clients.web.latency_ms.p50", 10 + 40 + 5.0, 10 + 40, "55 ms"}},
        // Che's approximation for 1,000 entries of 10,000 Zipf(1) keys; tempting: the
        // cache's share of the keys.
        {"28-cache.json",
         {"nodes.product-cache.hit_ratio",
          theory::che_lru(theory::zipf_popularity(10000, 1.0), 1000).hit_ratio, 0.1, "0.68"}},
        // The bucket's M/D/1/K rate at 150/s into 90/s, burst 20; tempting: all 150.
        {"29-rate-limit.json",
         {"nodes.limiter.admitted_per_s", theory::token_bucket(150, 90, 20).accepted_per_s, 150,
          "About 90"}},
        // What the log retains at the join (5/s for 180 s), against the whole day (240 s).
        {"24-queue-vs-log.json",
         {"nodes.order-events.groups.audit.replayed", 5 * 180.0, 5 * 240.0, "900"}},
        // Half a poll interval, against a whole one.
        {"25-webhook-vs-polling.json",
         {"clients.poller.job.notify_delay_ms.mean", 2000 / 2.0, 2000, "1,000 ms"}},
        // API, the network's median and the log's ack; tempting: adding the webhook trip.
        {"32-real-card-charge.json",
         {"clients.merchant.latency_ms.p50", 30 + 150 + 5.0, 30 + 150 + 5 + 50.0, "185 ms"}},
        // Time to the view is exponential with rate 1/12.5 - 40/1000 per ms (M/M/1); the read
        // comes 2 ms (ack) + 50 ms after the commit. Tempting: 50 ms is plenty, no misses.
        {"26-eventual-consistency.json",
         {"clients.web.read_your_writes.miss_share", std::exp(-(1 / 12.5 - 40 / 1000.0) * 52), 0,
          "12.5%"}},
        // 8 threads blocked 502 ms each finish 16 of the 40 a second, for the 30 s slowdown.
        {"27-event-loop.json", {"nodes.pool-api.backlog_max", (40 - 8 / 0.502) * 30, 0, "720"}},
        // Choreography answers at the first topic: every order looks accepted; tempting:
        // the courier's 10% refusals reaching the shopper, as they do in lesson 23.
        {"22-saga-choreography.json", {"clients.web.availability", 1.0, 0.9, "100%"}},
        // The shopper waits for the orchestrated saga: the courier's 10% refusals show.
        {"23-saga-orchestration.json", {"clients.web.availability", 0.9, 1.0, "90%"}},
        // The fixed hops plus matching's median; tempting: the consumers' work added too.
        {"30-real-ride-confirmation.json",
         {"clients.riders.latency_ms.p50", 10 + 120 + 5 + 5.0, 140 + 15 + 30 + 10 + 5.0, "140 ms"}},
        // 20 orders a second in, 10 out while picking is slow, for 15 s; tempting: none.
        {"31-real-order-pipeline.json",
         {"nodes.picking-queue.depth_max", (20 - 10) * 15.0, 0, "150"}},
    };
    return keys;
}

using testing::shipped_lessons;

model::Scenario load(const std::string& file) {
    auto r = run::load_scenario_checked(std::string(FLOWLAB_SCENARIOS_DIR) + "/" + file);
    EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front().to_string());
    return r.scenario.value_or(model::Scenario{});
}

/// A report holding one number at `metric` (what judge_prediction reads).
boost::json::object report_with(const std::string& metric, double value) {
    boost::json::object report;
    boost::json::object* at = &report;
    std::size_t start = 0;
    for (std::size_t dot = metric.find('.'); dot != std::string::npos;
         start = dot + 1, dot = metric.find('.', start))
        at = &(*at)[metric.substr(start, dot - start)].emplace_object();
    (*at)[metric.substr(start)] = value;
    return report;
}

class LessonStepsGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(LessonStepsGolden, EveryCheckpointIsReachedAndThePredictionTeachesTheKeyNumber) {
    const model::Scenario s = load(GetParam());
    ASSERT_TRUE(s.lesson);
    const auto& steps = s.lesson->steps;
    ASSERT_GE(steps.size(), 3u);
    // Opening a lesson arms nothing: the first step orients, so a run started from the
    // command line (--run-for, --screenshot) goes where it is told.
    EXPECT_FALSE(steps[0].has_checkpoint());
    EXPECT_FALSE(steps[0].ask && steps[0].ask->kind == model::StepQuestion::Kind::predict);

    const auto it = key_numbers().find(GetParam());
    ASSERT_NE(it, key_numbers().end()) << "no key number for " << GetParam();
    const KeyNumber& key = it->second;
    const auto walk = run::walk_lesson(s);
    ASSERT_EQ(walk.size(), steps.size());
    int checkpoints = 0, predictions = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        SCOPED_TRACE("lesson.steps[" + std::to_string(i) + "] " + steps[i].title);
        if (steps[i].has_checkpoint()) {
            ++checkpoints;
            EXPECT_TRUE(walk[i].reached_s) << "the run ends before this checkpoint";
        }
        if (!steps[i].ask || steps[i].ask->kind != model::StepQuestion::Kind::predict) continue;
        ++predictions;
        const model::StepQuestion& q = *steps[i].ask;
        ASSERT_TRUE(walk[i].measured) << "the run ends before " << q.at_s << " s";
        EXPECT_EQ(q.metric, key.metric);
        const auto measured = report_with(q.metric, *walk[i].measured);
        const auto right = run::judge_prediction(q, key.key, measured);
        ASSERT_TRUE(right);
        EXPECT_TRUE(right->right) << "key " << key.key << " measured " << right->measured
                                  << " tolerance " << q.tolerance;
        EXPECT_FALSE(run::judge_prediction(q, key.tempting, measured)->right)
            << "the tempting " << key.tempting << " passes too; measured " << right->measured;
        EXPECT_NE(q.why.find(key.stated), std::string::npos) << q.why;
    }
    EXPECT_GE(checkpoints, 1);
    EXPECT_GE(predictions, 1);
}

INSTANTIATE_TEST_SUITE_P(Shipped, LessonStepsGolden, ::testing::ValuesIn(shipped_lessons()),
                         [](const auto& test_param) {
                             std::string name =
                                 test_param.param.substr(0, test_param.param.find('.'));
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

}  // namespace
}  // namespace flowlab
