// The shipped synchronous lessons (scenarios/01..08): each file loads through the real
// parser, and its run shows what the lesson text claims, checked against theory or
// against logic, never against numbers copied from an earlier run.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "flowlab/model/parse.hpp"
#include "runtime/world.hpp"
#include "scenario_builder.hpp"
#include "shipped_lessons.hpp"

namespace flowlab {
namespace {

using testing::load_lesson;
using testing::num;

void expect_lesson_complete(const model::Scenario& s, const std::string& file) {
    ASSERT_TRUE(s.lesson.has_value()) << file;
    EXPECT_FALSE(s.lesson->goal.empty()) << file;
    EXPECT_FALSE(s.lesson->explain.empty()) << file;
    EXPECT_GE(s.lesson->watch.size(), 2u) << file;
    EXPECT_GE(s.lesson->try_next.size(), 2u) << file;
    for (const auto& n : s.nodes)
        EXPECT_TRUE(s.layout.count(n.id)) << file << ": no layout for " << n.id;
}

TEST(LessonsSync, EveryFileLoadsWithACompleteLessonAndLayout) {
    for (const char* file :
         {"01-availability-trap.json", "02-availability-trap-8-hops.json", "03-latency-trap.json",
          "04-thread-pool-exhaustion.json", "05-timeouts-wasted-work.json", "06-retry-storm.json",
          "07-circuit-breaker.json", "08-cascading-checkout.json"}) {
        auto s = load_lesson(file);
        expect_lesson_complete(s, file);
    }
}

void expect_chain_availability(const char* file, int hops) {
    auto s = load_lesson(file);
    auto r = testing::run_report(s);
    const double p = std::pow(0.999, hops);
    EXPECT_NEAR(num(r, {"theory", "chain_availability"}), p, 1e-6);
    // Each request succeeds independently with probability p: binomial, 4 sigma.
    const double n = num(r, {"clients", "web", "requests"});
    ASSERT_GT(n, 10000);
    EXPECT_NEAR(num(r, {"clients", "web", "availability"}), p,
                4 * std::sqrt(p * (1 - p) / n) + 1e-6);
}

TEST(LessonsSync, AvailabilityTrapThreeHops) {
    expect_chain_availability("01-availability-trap.json", 3);
}
TEST(LessonsSync, AvailabilityTrapEightHops) {
    expect_chain_availability("02-availability-trap-8-hops.json", 8);
}

TEST(LessonsSync, LatencyTrapP99IsBelowTheSumOfHopP99s) {
    auto r = testing::run_report(load_lesson("03-latency-trap.json"));
    // Four hops of lognormal work with P99 80 ms; no queueing (64 threads each).
    const double work_sum = num(r, {"theory", "p99_work_sum_ms"});
    EXPECT_NEAR(work_sum, 4 * 80.0, 1e-3);
    const double p99 = num(r, {"clients", "web", "latency_ms", "p99"});
    EXPECT_LE(p99, work_sum);
    // Hop A calls B: no bound is proven for such a chain, and the theory says why.
    EXPECT_FALSE(r.at("theory").as_object().contains("p99_bound_ms"));
    EXPECT_NE(r.at("theory").at("p99_bound_unavailable").as_string().find("calls other nodes"),
              std::string::npos);
    // The sum of four delays is above each delay: the user's P99 exceeds every hop's own
    // P99 (a hop's latency includes the hops behind it, so compare with the last one).
    EXPECT_GT(p99, num(r, {"nodes", "d", "latency_ms", "p99"}));
    // And above the sum of medians, which is what a "typical" request costs.
    EXPECT_GT(p99, 4 * 10.0);
}

TEST(LessonsSync, ThreadPoolExhaustionBlocksTheCaller) {
    auto s = load_lesson("04-thread-pool-exhaustion.json");
    auto r = testing::run_report(s);
    // Each api request works 2 ms and is blocked for a whole inventory call (>= its work,
    // mean 50 ms or more): blocked time is over 20x the working time.
    const double working = num(r, {"nodes", "api", "thread_time_s", "working"});
    const double blocked = num(r, {"nodes", "api", "thread_time_s", "blocked"});
    EXPECT_GT(blocked, 20 * working);
    // During the slowdown the api can finish at most 8 / 127 ms = 63 requests/s while
    // 80/s arrive: the backlog grows by about 17/s for 30 s (~500). Allow half of that.
    EXPECT_GT(num(r, {"nodes", "api", "backlog_max"}), 250);
    // Inventory itself is not the bottleneck: 80/s x 125 ms = 10 of its 16 threads.
    EXPECT_LT(num(r, {"nodes", "inventory", "backlog_max"}),
              num(r, {"nodes", "api", "backlog_max"}));
    // Without the slowdown the same system is comfortable (4 of 8 threads needed).
    s.faults.clear();
    auto calm = testing::run_report(s);
    EXPECT_GT(num(r, {"clients", "web", "latency_ms", "p99"}),
              5 * num(calm, {"clients", "web", "latency_ms", "p99"}));
}

TEST(LessonsSync, TimeoutsFailFastButTheCalleeKeepsWorking) {
    auto r = testing::run_report(load_lesson("05-timeouts-wasted-work.json"));
    const double timeouts = num(r, {"nodes", "api", "timed_out_calls"});
    EXPECT_GT(timeouts, 0);
    EXPECT_EQ(num(r, {"clients", "web", "timed_out"}), timeouts);
    // The user waits the api's 2 ms of work plus at most the 200 ms timeout.
    EXPECT_LE(num(r, {"clients", "web", "latency_ms", "max"}), 202.0 + 1e-6);
    // The callee does not know: some of its calls ran far past the timeout...
    EXPECT_GT(num(r, {"nodes", "reports", "latency_ms", "max"}), 200.0);
    // ...and every timed-out call was still worked on (each at least a few ms).
    EXPECT_GT(num(r, {"nodes", "reports", "wasted_work_ms"}), timeouts * 1.0);
}

TEST(LessonsSync, RetryStormAndCircuitBreaker) {
    auto storm = testing::run_report(load_lesson("06-retry-storm.json"));
    const double requests = num(storm, {"clients", "web", "requests"});
    EXPECT_GT(num(storm, {"nodes", "payments", "received"}), 1.5 * requests);
    EXPECT_GT(num(storm, {"nodes", "api", "retries"}), 0.5 * requests);
    EXPECT_GT(num(storm, {"nodes", "payments", "wasted_work_ms"}), 0);

    auto breaker = testing::run_report(load_lesson("07-circuit-breaker.json"));
    EXPECT_GT(num(breaker, {"nodes", "api", "breaker", "opened"}), 0);
    EXPECT_GT(num(breaker, {"nodes", "api", "breaker", "short_circuited"}), 0);
    EXPECT_GT(num(breaker, {"clients", "web", "degraded"}), 0);
    // Same arrivals (same seed, same client), far less load on payments, far shorter
    // waits for users, and more of them served.
    EXPECT_EQ(num(breaker, {"clients", "web", "requests"}), requests);
    EXPECT_LT(num(breaker, {"nodes", "payments", "received"}),
              num(storm, {"nodes", "payments", "received"}));
    EXPECT_LT(num(breaker, {"clients", "web", "latency_ms", "p99"}),
              0.5 * num(storm, {"clients", "web", "latency_ms", "p99"}));
    EXPECT_GT(num(breaker, {"clients", "web", "availability"}),
              num(storm, {"clients", "web", "availability"}));
}

TEST(LessonsSync, CascadingCheckoutFillsEveryPoolUpstream) {
    // Blocked threads per service, averaged over 0-20 s (healthy) and 20-40 s (the
    // ledger database hangs), read from the engine's own integrals.
    auto s = load_lesson("08-cascading-checkout.json");
    runtime::Simulation sim(s);
    const auto& w = sim.world();
    auto blocked_integrals = [&] {
        std::map<std::string, double> out;
        for (const auto& n : w.nodes)
            if (n.kind == model::NodeKind::service)
                out[n.cfg->id] = n.blocked_level.integral(sim.now());
        return out;
    };
    sim.advance_to(kernel::from_s(20));
    auto at20 = blocked_integrals();
    sim.advance_to(kernel::from_s(40));
    auto at40 = blocked_integrals();
    for (const char* id : {"ledger", "fraud", "payment", "orders", "checkout", "gateway"}) {
        const int threads = s.find_node(id)->threads;
        const double before = at20[id] / 20.0, during = (at40[id] - at20[id]) / 20.0;
        // Healthy: 50/s times well under 100 ms of downstream time: a few threads.
        EXPECT_LT(before, 0.25 * threads) << id;
        // Hung: the ledger serves 16 threads / 2 s = 8 calls/s of the 50/s arriving, so
        // every pool on the path saturates within seconds and stays full.
        EXPECT_GT(during, 0.75 * threads) << id << " before " << before;
    }
    // Off the failing path, cart and pricing are leaves: nothing blocks there.
    EXPECT_EQ(at40["cart"], 0.0);
    sim.run_to_end();
    auto r = sim.report();
    EXPECT_GT(num(r, {"nodes", "ledger", "timed_out_calls"}), 0);
    EXPECT_GT(num(r, {"clients", "web", "failure_reasons", "timeout"}), 0);
    EXPECT_LT(num(r, {"clients", "web", "availability"}), 0.9);
}

}  // namespace
}  // namespace flowlab
