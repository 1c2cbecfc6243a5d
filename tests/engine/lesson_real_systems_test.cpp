// The real-system lessons (scenarios/30, 31): a ride confirmation answered synchronously
// within a latency budget with everything else fanned out on a log, and an order
// confirmed synchronously and fulfilled by an asynchronous chain. Each claim is checked
// against theory (the sum of work P99s on the synchronous path, Poisson arrivals) or
// against logic (the same arrivals with and without the fault, counters that must match),
// with tolerances from the statistics of the run, never numbers copied from a run.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cmath>
#include <string>

#include "flowlab/model/parse.hpp"
#include "scenario_builder.hpp"
#include "shipped_lessons.hpp"

namespace flowlab {
namespace {

using testing::load_lesson;
using testing::num;
namespace json = boost::json;

/// One standard error of the `q` quantile of a lognormal (median m, P99 p99) from n
/// samples: sqrt(q(1-q)/n) / f(x_q).
double lognormal_quantile_se(double median, double p99, double q, double z_q, double n) {
    const double z99 = 2.326348;
    const double sigma = std::log(p99 / median) / z99;
    const double x = median * std::exp(sigma * z_q);
    const double pi = 3.14159265358979;
    const double density = std::exp(-z_q * z_q / 2) / std::sqrt(2 * pi) / (x * sigma);
    return std::sqrt(q * (1 - q) / n) / density;
}

/// The histogram's relative error of a percentile (latency_histogram.hpp).
constexpr double histogram_error = 1.0 / 128;

/// Every message published is acked: nothing vanishes, nothing is left over.
void expect_all_acked(const json::object& r) {
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
    EXPECT_EQ(num(r, {"conservation", "in_flight_end"}), 0);
    EXPECT_EQ(num(r, {"conservation", "messages_published"}), num(r, {"conservation", "acked"}));
}

TEST(LessonRealSystems, RideConfirmationStaysInsideItsBudgetAndTheLogFeedsEveryConsumer) {
    auto s = load_lesson("30-real-ride-confirmation.json");
    const auto r = testing::run_report(s);
    const double rides = num(r, {"clients", "riders", "ok"});
    const double n = num(r, {"clients", "riders", "requests"});
    ASSERT_GT(n, 1000);
    EXPECT_EQ(rides, n);  // nothing on the synchronous path fails

    // The rider's P99: the work P99s of the synchronous path added up (10 + 300 + 5 + the
    // log's 5 ms ack), since matching is the only random hop and nothing queues.
    const double sum = num(r, {"theory", "p99_work_sum_ms"});
    EXPECT_DOUBLE_EQ(sum, 10 + 300 + 5 + 5.0);
    const double p99_se = lognormal_quantile_se(120, 300, 0.99, 2.326348, n);
    const double p99 = num(r, {"clients", "riders", "latency_ms", "p99"});
    EXPECT_NEAR(p99, sum, 3 * p99_se + histogram_error * sum);
    EXPECT_LT(p99, 500);  // the budget
    // The median: the fixed hops plus matching's median.
    const double p50_se = lognormal_quantile_se(120, 300, 0.5, 0, n);
    EXPECT_NEAR(num(r, {"clients", "riders", "latency_ms", "p50"}), 140,
                3 * p50_se + histogram_error * 140);

    // Each consumer group of the log reads every ride.
    for (const char* group : {"notify", "fraud", "pricing", "analytics"})
        EXPECT_EQ(num(r, {"nodes", group, "processed"}), rides) << group;
    EXPECT_EQ(num(r, {"nodes", "ride-events", "published"}), 4 * rides);
    expect_all_acked(r);

    // The paused loader's events waited about the 20 s of the pause: at least the pause
    // less the gap to the first event after it began (under 1 s with 30 a second), at
    // most the pause plus the time to read the ~600 held events (2 readers, 5 ms each).
    const double wait = num(r, {"nodes", "ride-events", "groups", "analytics", "wait_ms", "max"});
    EXPECT_GE(wait, 19000);
    EXPECT_LE(wait, 20000 + 30 * 20 * 5 / 2.0 + 1000);

    // The riders see nothing of it: the same run without the pause has the same client
    // figures, request for request.
    auto calm_s = s;
    calm_s.faults.clear();
    const auto calm = testing::run_report(calm_s);
    EXPECT_EQ(r.at("clients"), calm.at("clients"));
    EXPECT_LT(num(calm, {"nodes", "ride-events", "groups", "analytics", "wait_ms", "max"}), 1000);
}

TEST(LessonRealSystems, OrderPipelineConfirmsFastAndItsChainFallsBehindWithoutLosing) {
    auto s = load_lesson("31-real-order-pipeline.json");
    const auto r = testing::run_report(s);
    const double orders = num(r, {"clients", "shoppers", "ok"});
    const double n = num(r, {"clients", "shoppers", "requests"});
    ASSERT_GT(n, 1000);
    EXPECT_EQ(orders, n);

    // The shopper's P99: the API's P99 60 + the database's 5 + the queue's 2 ms ack.
    const double sum = num(r, {"theory", "p99_work_sum_ms"});
    EXPECT_DOUBLE_EQ(sum, 60 + 5 + 2.0);
    const double p99_se = lognormal_quantile_se(15, 60, 0.99, 2.326348, n);
    EXPECT_NEAR(num(r, {"clients", "shoppers", "latency_ms", "p99"}), sum,
                3 * p99_se + histogram_error * sum);

    // Every order goes through every step of the chain, once.
    for (const char* step : {"capture", "picking", "shipping"})
        EXPECT_EQ(num(r, {"nodes", step, "processed"}), orders) << step;
    for (const char* queue : {"payment-queue", "picking-queue", "shipping-queue"}) {
        EXPECT_EQ(num(r, {"nodes", queue, "published"}), orders) << queue;
        EXPECT_EQ(num(r, {"nodes", queue, "depth_end"}), 0) << queue;
    }
    expect_all_acked(r);

    // The slowdown: 20 orders a second arrive (Poisson) while 4 pickers at 4 x 100 ms
    // finish 10, for 15 s: the backlog grows by 150, give or take the arrivals' spread.
    const double arrivals = 20 * 15.0;
    const double growth = arrivals - 4 / 0.4 * 15;
    EXPECT_NEAR(num(r, {"nodes", "picking-queue", "depth_max"}), growth,
                3 * std::sqrt(arrivals) + 4);

    // The shoppers see none of it; without the slowdown there is no backlog to speak of.
    auto calm_s = s;
    calm_s.faults.clear();
    const auto calm = testing::run_report(calm_s);
    EXPECT_EQ(r.at("clients"), calm.at("clients"));
    EXPECT_LT(num(calm, {"nodes", "picking-queue", "depth_max"}), 0.2 * growth);
    EXPECT_GT(num(r, {"nodes", "picking-queue", "oldest_age_ms_max"}),
              10 * num(calm, {"nodes", "picking-queue", "oldest_age_ms_max"}));
}

}  // namespace
}  // namespace flowlab
