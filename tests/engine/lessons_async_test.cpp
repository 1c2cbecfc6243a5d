// The shipped asynchronous lessons (scenarios/09..21): each file loads through the real
// parser, and its run shows what the lesson text claims. Claims are checked against
// logic (the same arrivals with and without a fault, counters that must match) or
// against theory with tolerances from the statistics of the run, never against
// numbers copied from an earlier run.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "flowlab/model/parse.hpp"
#include "runtime/world.hpp"
#include "scenario_builder.hpp"
#include "shipped_lessons.hpp"

namespace flowlab {
namespace {

using testing::load_lesson;
using testing::num;
namespace json = boost::json;

const char* const async_lessons[] = {
    "09-decoupling.json",      "10-fan-out.json",           "11-poison-pill-no-dlq.json",
    "12-poison-pill-dlq.json", "13-at-least-once.json",     "14-idempotency.json",
    "15-ordering.json",        "16-backpressure.json",      "17-autoscale.json",
    "18-job-202.json",         "19-observability-gap.json", "20-observability-fixed.json",
    "21-hybrid-checkout.json"};

const json::value& at(const json::object& r, std::initializer_list<const char*> path) {
    const json::value* v = nullptr;
    const json::object* cur = &r;
    for (const char* key : path) {
        v = &cur->at(key);
        if (v->is_object()) cur = &v->as_object();
    }
    return *v;
}

const json::array& partitions(const json::object& r, const char* topic) {
    return at(r, {"nodes", topic, "partitions"}).as_array();
}

double part(const json::value& p, const char* key) {
    return p.as_object().at(key).to_number<double>();
}

/// Every message published is acked, dead-lettered or still held: nothing vanishes.
void expect_conserved(const json::object& r, const std::string& what) {
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0) << what;
    EXPECT_EQ(num(r, {"conservation", "messages_published"}),
              num(r, {"conservation", "acked"}) + num(r, {"conservation", "dead_lettered"}) +
                  num(r, {"conservation", "in_flight_end"}))
        << what;
}

/// `s` without node `id` and every edge touching it.
void remove_node(model::Scenario& s, const std::string& id) {
    std::erase_if(s.nodes, [&](const model::Node& n) { return n.id == id; });
    std::erase_if(s.edges, [&](const model::Edge& e) { return e.from == id || e.to == id; });
    s.layout.erase(id);
}

TEST(LessonsAsync, EveryFileLoadsWithACompleteLessonAndLayoutAndConserves) {
    for (const char* file : async_lessons) {
        auto s = load_lesson(file);
        ASSERT_TRUE(s.lesson.has_value()) << file;
        EXPECT_FALSE(s.lesson->goal.empty()) << file;
        EXPECT_FALSE(s.lesson->explain.empty()) << file;
        EXPECT_GE(s.lesson->watch.size(), 2u) << file;
        EXPECT_GE(s.lesson->try_next.size(), 2u) << file;
        for (const auto& n : s.nodes)
            EXPECT_TRUE(s.layout.count(n.id)) << file << ": no layout for " << n.id;
        auto r = testing::run_report(s);
        // A lesson is a short experiment: 30 to 120 virtual seconds including the drain.
        EXPECT_GE(num(r, {"sim_time_s"}), 30.0) << file;
        EXPECT_LE(num(r, {"sim_time_s"}), 120.0) << file;
        expect_conserved(r, file);
    }
}

TEST(LessonsAsync, DecouplingProducersDoNotNoticeTheConsumerOutage) {
    auto s = load_lesson("09-decoupling.json");
    auto r = testing::run_report(s);
    s.faults.clear();
    auto calm = testing::run_report(s);
    // Same arrivals; the producer's path (work + broker ack) never looks at the consumer.
    EXPECT_EQ(num(r, {"clients", "web", "requests"}), num(calm, {"clients", "web", "requests"}));
    EXPECT_EQ(at(r, {"clients", "web", "latency_ms"}), at(calm, {"clients", "web", "latency_ms"}));
    EXPECT_EQ(num(r, {"clients", "web", "failed"}), 0);
    // During the 20 s pause about 50/s x 20 s = 1000 messages (Poisson) pile up: 5 sigma.
    const double expected = 50.0 * 20.0;
    EXPECT_GT(num(r, {"nodes", "fulfilment-queue", "depth_max"}),
              expected - 5 * std::sqrt(expected));
    EXPECT_LT(num(calm, {"nodes", "fulfilment-queue", "depth_max"}), 0.1 * expected);
    // A message that arrived just after the pause began waited for all of it.
    EXPECT_GT(num(r, {"nodes", "fulfilment-queue", "oldest_age_ms_max"}), 19000.0);
    EXPECT_LT(num(calm, {"nodes", "fulfilment-queue", "oldest_age_ms_max"}), 1000.0);
    // ...and the backlog drains: every order is fulfilled once.
    EXPECT_EQ(num(r, {"nodes", "fulfilment-queue", "depth_end"}), 0);
    EXPECT_EQ(num(r, {"nodes", "fulfilment-queue", "acked"}), num(r, {"clients", "web", "ok"}));
    EXPECT_EQ(num(r, {"nodes", "fulfilment", "processed"}), num(r, {"clients", "web", "ok"}));
}

TEST(LessonsAsync, FanOutDeliversEveryEventToEveryGroup) {
    auto s = load_lesson("10-fan-out.json");
    auto r = testing::run_report(s);
    const double orders = num(r, {"clients", "web", "ok"});
    ASSERT_GT(orders, 0);
    for (const char* group : {"email", "analytics", "search-index"})
        EXPECT_EQ(num(r, {"nodes", group, "processed"}), orders) << group;
    EXPECT_EQ(num(r, {"nodes", "order-events", "published"}), 3 * orders);
    // Subscribers cost the publisher nothing: with one group the user waits the same.
    remove_node(s, "analytics");
    remove_node(s, "search-index");
    auto one = testing::run_report(s);
    EXPECT_EQ(at(r, {"clients", "web", "latency_ms"}), at(one, {"clients", "web", "latency_ms"}));
    EXPECT_EQ(num(one, {"nodes", "order-events", "published"}), orders);
    expect_conserved(one, "one subscriber");
}

TEST(LessonsAsync, PoisonPillBlocksItsPartitionWithoutDlqAndIsDeadLetteredWithOne) {
    auto s11 = load_lesson("11-poison-pill-no-dlq.json");
    auto s12 = load_lesson("12-poison-pill-dlq.json");
    ASSERT_EQ(s11.faults.size(), 1u);
    const auto pills = s12.faults.at(0).count;
    const int max_attempts = s12.find_node("ledger-writer")->retry->max_attempts;
    auto blocked = testing::run_report(s11);
    auto dlq = testing::run_report(s12);

    // Without a DLQ: exactly one partition is stuck, holding everything not acked.
    int stuck = 0;
    double stuck_lag = 0;
    for (const auto& p : partitions(blocked, "payment-events"))
        if (part(p, "lag_end") > 0) {
            ++stuck;
            stuck_lag = part(p, "lag_end");
        }
    EXPECT_EQ(stuck, 1);
    EXPECT_EQ(stuck_lag, num(blocked, {"nodes", "payment-events", "published"}) -
                             num(blocked, {"nodes", "payment-events", "acked"}));
    EXPECT_EQ(stuck_lag, num(blocked, {"conservation", "in_flight_end"}));
    EXPECT_EQ(num(blocked, {"nodes", "ledger-writer", "dead_lettered"}), 0);
    // The pill is retried in place for as long as the run lasts, far past its attempts.
    EXPECT_GT(num(blocked, {"nodes", "ledger-writer", "retries"}), 2.0 * max_attempts);

    // With a DLQ: the pill alone is dead-lettered after its attempts; every partition drains.
    EXPECT_EQ(num(dlq, {"nodes", "ledger-dlq", "count"}), pills);
    EXPECT_EQ(num(dlq, {"nodes", "ledger-dlq", "reasons", "retries_exhausted"}), pills);
    EXPECT_EQ(num(dlq, {"nodes", "ledger-dlq", "from", "ledger-writer"}), pills);
    EXPECT_EQ(num(dlq, {"nodes", "ledger-writer", "dead_lettered"}), pills);
    // No transient failures are configured, so only the pill is ever retried.
    EXPECT_EQ(num(dlq, {"nodes", "ledger-writer", "retries"}), pills * (max_attempts - 1));
    for (const auto& p : partitions(dlq, "payment-events")) EXPECT_EQ(part(p, "lag_end"), 0);
    EXPECT_EQ(num(dlq, {"nodes", "payment-events", "acked"}),
              num(dlq, {"nodes", "payment-events", "published"}) - pills);
    EXPECT_EQ(num(dlq, {"nodes", "ledger-writer", "processed"}),
              num(dlq, {"clients", "web", "ok"}));

    // Either way the producers never find out: same arrivals, same latency.
    EXPECT_EQ(at(blocked, {"clients", "web", "latency_ms"}),
              at(dlq, {"clients", "web", "latency_ms"}));
    expect_conserved(blocked, "no dlq");
    expect_conserved(dlq, "dlq");
}

/// P(X > t) for the lognormal set by its median and P99 (the engine's parametrisation).
double lognormal_tail(const model::Distribution& d, double t) {
    const double z99 = 2.3263478740408408;
    const double sigma = std::log(d.b / d.a) / z99;
    return 0.5 * std::erfc(std::log(t / d.a) / sigma / std::sqrt(2.0));
}

TEST(LessonsAsync, AtLeastOnceDoublesSideEffectsAndIdempotencySuppressesThem) {
    auto s13 = load_lesson("13-at-least-once.json");
    auto plain = testing::run_report(s13);
    auto idem = testing::run_report(load_lesson("14-idempotency.json"));
    const double published = num(plain, {"nodes", "welcome-emails", "published"});
    const double redelivered = num(plain, {"nodes", "welcome-emails", "redelivered"});

    // A delivery is redelivered exactly when its work outlasts the visibility timeout
    // (workers start at once: no delivery latency, spare workers). Per message the number
    // of redeliveries is geometric with p = P(work > timeout): mean p/(1-p), variance
    // p/(1-p)^2. Check the total within 4 sigma.
    const auto& work = s13.find_node("mailer")->work;
    const double p = lognormal_tail(work, s13.find_node("welcome-emails")->visibility_timeout_ms);
    const double mean = published * p / (1 - p), sd = std::sqrt(published * p) / (1 - p);
    EXPECT_NEAR(redelivered, mean, 4 * sd) << "p = " << p;
    EXPECT_GT(redelivered, 0);

    // Without idempotency every redelivery repeats the effect (a second email).
    EXPECT_EQ(num(plain, {"nodes", "mailer", "double_side_effects"}), redelivered);
    EXPECT_EQ(num(plain, {"nodes", "mailer", "side_effects"}), published + redelivered);
    EXPECT_EQ(num(plain, {"nodes", "mailer", "duplicates_suppressed"}), 0);

    // The same deliveries reach the idempotent mailer, which suppresses every duplicate.
    EXPECT_EQ(num(idem, {"nodes", "welcome-emails", "redelivered"}), redelivered);
    EXPECT_EQ(num(idem, {"nodes", "mailer", "double_side_effects"}), 0);
    EXPECT_EQ(num(idem, {"nodes", "mailer", "duplicates_suppressed"}), redelivered);
    EXPECT_EQ(num(idem, {"nodes", "mailer", "side_effects"}), published);
    for (const auto* r : {&plain, &idem})
        EXPECT_EQ(num(*r, {"nodes", "welcome-emails", "acked"}), published);
}

TEST(LessonsAsync, QueueReordersTheStreamAndTheTopicKeepsIt) {
    auto s = load_lesson("15-ordering.json");
    auto r = testing::run_report(s);
    const double n = num(r, {"nodes", "price-queue", "published"});
    EXPECT_EQ(num(r, {"nodes", "price-topic", "published"}), n);
    EXPECT_EQ(num(r, {"nodes", "queue-workers", "processed"}), n);
    EXPECT_EQ(num(r, {"nodes", "topic-workers", "processed"}), n);
    EXPECT_EQ(num(r, {"nodes", "price-topic", "ordering_violations"}), 0);
    // With idle workers each update starts on arrival; it overtakes the one before it when
    // S_prev > gap + S, which for exponential work (rate mu) and Poisson gaps (rate lambda)
    // has probability lambda/(lambda+mu) x 1/2. Every such overtaking is a violation (there
    // may be more), so the count is at least about that share: 5 sigma below it.
    const double lambda = s.find_node("feed")->rate_per_s;
    const double mu = 1000.0 / s.find_node("queue-workers")->work.mean_ms();
    const double q = lambda / (lambda + mu) / 2;
    const double violations = num(r, {"nodes", "price-queue", "ordering_violations"});
    EXPECT_GT(violations, 0);
    EXPECT_GT(violations, n * q - 5 * std::sqrt(n * q * (1 - q)));
}

TEST(LessonsAsync, BoundedTopicBlocksItsProducers) {
    auto s = load_lesson("16-backpressure.json");
    const auto capacity = *s.find_node("clicks")->capacity;
    const double ack_s = s.find_node("clicks")->ack.a / 1000.0;
    auto r = testing::run_report(s);
    const double blocked_s = num(r, {"nodes", "clicks", "producer_blocked_s"});
    // Slowed 4x, the enricher takes 50/s of the 100/s: the partition fills about 2 s into
    // the 20 s slowdown, and from then on all 8 ingest threads wait for room. At least
    // 8 threads x 15 s, whatever the noise.
    EXPECT_GT(blocked_s, 8 * 15.0);
    EXPECT_EQ(part(partitions(r, "clicks").at(0), "depth_max"), capacity);
    // The ingest threads' blocked time is the waits for room plus one ack per publish.
    const double published = num(r, {"nodes", "clicks", "published"});
    EXPECT_NEAR(num(r, {"nodes", "ingest", "thread_time_s", "blocked"}),
                blocked_s + published * ack_s, 1e-3);
    EXPECT_GT(num(r, {"nodes", "ingest", "backlog_max"}), 0);
    EXPECT_EQ(num(r, {"clients", "web", "failed"}), 0);

    // Unbounded, nobody blocks: the topic holds the backlog and users do not wait for it.
    s.find_node("clicks")->capacity.reset();
    auto open = testing::run_report(s);
    EXPECT_EQ(num(open, {"nodes", "clicks", "producer_blocked_s"}), 0);
    EXPECT_GT(part(partitions(open, "clicks").at(0), "depth_max"), capacity);
    EXPECT_LT(10 * num(open, {"clients", "web", "latency_ms", "p99"}),
              num(r, {"clients", "web", "latency_ms", "p99"}));
    expect_conserved(open, "unbounded");
}

TEST(LessonsAsync, AutoscaleAddsInstancesAsTheQueueGrows) {
    auto s = load_lesson("17-autoscale.json");
    const auto& c = *s.find_node("thumbnailer");
    const int concurrency = c.concurrency, max = c.autoscale->max;
    const double per = c.autoscale->depth_per_instance;
    auto r = testing::run_report(s);
    const double instances = num(r, {"nodes", "thumbnailer", "instances_max"});
    EXPECT_GT(instances, concurrency);
    EXPECT_LE(instances, max);
    // Instances follow depth: k instances need more than (k - 1) x depth_per_instance waiting.
    EXPECT_GT(num(r, {"nodes", "thumbnail-jobs", "depth_max"}), (instances - 1) * per);
    EXPECT_EQ(num(r, {"nodes", "thumbnail-jobs", "depth_end"}), 0);

    s.find_node("thumbnailer")->autoscale.reset();
    auto fixed = testing::run_report(s);
    EXPECT_EQ(num(fixed, {"nodes", "thumbnailer", "instances_max"}), concurrency);
    // 150/s for 20 s against 2 x 20/s: about 3000 - 800 = 2200 waiting (Poisson, 5 sigma).
    EXPECT_GT(num(fixed, {"nodes", "thumbnail-jobs", "depth_max"}), 2200 - 5 * std::sqrt(3000.0));
    EXPECT_LT(num(r, {"nodes", "thumbnail-jobs", "depth_max"}),
              num(fixed, {"nodes", "thumbnail-jobs", "depth_max"}));
    // The upload API never waits for thumbnails either way.
    EXPECT_EQ(at(r, {"clients", "web", "latency_ms"}), at(fixed, {"clients", "web", "latency_ms"}));
    expect_conserved(fixed, "no autoscale");
}

TEST(LessonsAsync, JobPatternAnswersAtOnceAndFinishesLater) {
    auto s = load_lesson("18-job-202.json");
    const double interval = s.find_node("analyst")->poll_interval_ms;
    // The 202 costs the API's own work plus the queue's ack (both constants here).
    const double answer_ms = s.find_node("reports-api")->work.a + s.find_node("report-jobs")->ack.a;
    auto r = testing::run_report(s);
    const double requests = num(r, {"clients", "analyst", "requests"});
    const double polls = num(r, {"clients", "analyst", "job", "polls"});
    const double done = num(r, {"clients", "analyst", "job", "done"});
    EXPECT_EQ(done, requests);
    EXPECT_EQ(num(r, {"clients", "analyst", "job", "failed"}), 0);
    EXPECT_DOUBLE_EQ(num(r, {"clients", "analyst", "job", "accepted_ms", "mean"}), answer_ms);
    EXPECT_DOUBLE_EQ(num(r, {"clients", "analyst", "job", "accepted_ms", "max"}), answer_ms);
    EXPECT_GT(num(r, {"clients", "analyst", "job", "done_ms", "p50"}),
              num(r, {"clients", "analyst", "job", "accepted_ms", "p50"}));
    // Work takes time, so every job needs at least one poll, and is seen done only at one:
    // no job is done sooner than one interval after its 202 (the summary has no min; the
    // median, within the histogram's 0.8%, must already be past it).
    EXPECT_GT(polls, 0);
    EXPECT_GE(polls, done);
    EXPECT_GE(num(r, {"clients", "analyst", "job", "done_ms", "p50"}),
              (answer_ms + interval) * (1 - 0.008));
    // Polls are instant here (no work, no latency): a job is done exactly at its k-th
    // poll, answer + k x interval, so the mean done time follows from the poll count.
    EXPECT_NEAR(num(r, {"clients", "analyst", "job", "done_ms", "mean"}),
                answer_ms + interval * polls / done, 0.01);
    // Each poll is a real request on the entry service.
    EXPECT_EQ(num(r, {"nodes", "reports-api", "received"}), requests + polls);
}

TEST(LessonsAsync, TraceContextAcrossTheQueue) {
    auto gap_s = load_lesson("19-observability-gap.json");
    auto fixed_s = load_lesson("20-observability-fixed.json");
    EXPECT_FALSE(gap_s.trace.propagate);
    EXPECT_TRUE(fixed_s.trace.propagate);
    runtime::Simulation gap(gap_s), fixed(fixed_s);
    gap.run_to_end();
    fixed.run_to_end();
    auto rg = gap.report(), rf = fixed.report();
    const double sampled = num(rg, {"traces", "sampled"});
    ASSERT_GT(sampled, 0);
    EXPECT_EQ(num(rf, {"traces", "sampled"}), sampled);
    // Every traced order publishes one event, processed once (no failures): one orphan each.
    EXPECT_EQ(num(rg, {"nodes", "notifier", "attempts"}),
              num(rg, {"nodes", "order-events", "published"}));
    EXPECT_EQ(num(rg, {"traces", "orphan_spans"}), sampled);
    EXPECT_EQ(num(rg, {"traces", "connected"}), 0);
    EXPECT_EQ(num(rf, {"traces", "orphan_spans"}), 0);
    EXPECT_EQ(num(rf, {"traces", "connected"}), sampled);
    // Nothing else differs.
    EXPECT_EQ(at(rg, {"clients"}), at(rf, {"clients"}));
    EXPECT_EQ(at(rg, {"nodes"}), at(rf, {"nodes"}));

    // The spans themselves: with propagation the notifier's span hangs under the orders
    // span that published; without it, it is a root of a trace no user request started.
    auto check = [](const runtime::Simulation& sim, bool propagate) {
        const auto& w = sim.world();
        std::uint32_t notifier = 0, orders = 0;
        for (std::size_t i = 0; i < w.nodes.size(); ++i) {
            if (w.nodes[i].cfg->id == "notifier") notifier = static_cast<std::uint32_t>(i);
            if (w.nodes[i].cfg->id == "orders") orders = static_cast<std::uint32_t>(i);
        }
        const auto& spans = w.traces.spans();
        std::set<std::uint64_t> user_traces;
        for (const auto& sp : spans)
            if (!sp.orphan && sp.parent == 0) user_traces.insert(sp.trace_id);
        int seen = 0;
        for (const auto& sp : spans) {
            if (sp.node != notifier) continue;
            ++seen;
            if (propagate) {
                ASSERT_NE(sp.parent, 0u);
                const auto& parent = spans[sp.parent - 1];
                EXPECT_EQ(parent.node, orders);
                EXPECT_EQ(parent.trace_id, sp.trace_id);
                EXPECT_FALSE(sp.orphan);
            } else {
                EXPECT_EQ(sp.parent, 0u);
                EXPECT_TRUE(sp.orphan);
                EXPECT_EQ(user_traces.count(sp.trace_id), 0u);
            }
        }
        EXPECT_GT(seen, 0);
    };
    check(gap, false);
    check(fixed, true);
}

TEST(LessonsAsync, HybridCheckoutUsersWaitOnlyForTheSyncPath) {
    auto s = load_lesson("21-hybrid-checkout.json");
    auto r = testing::run_report(s);
    const double orders = num(r, {"clients", "web", "ok"});
    const char* const groups[] = {"warehouse", "email", "loyalty", "analytics"};
    for (const char* g : groups) EXPECT_EQ(num(r, {"nodes", g, "processed"}), orders) << g;
    EXPECT_EQ(num(r, {"nodes", "order-placed", "published"}), 4 * orders);
    for (const auto& p : partitions(r, "order-placed")) EXPECT_EQ(part(p, "lag_end"), 0);
    // Only payment can fail an order: availability is binomial around the chain figure.
    const double a = num(r, {"theory", "chain_availability"});
    const double n = num(r, {"clients", "web", "requests"});
    EXPECT_NEAR(num(r, {"clients", "web", "availability"}), a,
                4 * std::sqrt(a * (1 - a) / n) + 1e-6);

    // The warehouse crash shows up as lag, never as user latency.
    auto calm_s = s;
    calm_s.faults.clear();
    auto calm = testing::run_report(calm_s);
    EXPECT_EQ(at(r, {"clients"}), at(calm, {"clients"}));
    double lag = 0, calm_lag = 0;
    for (const auto& p : partitions(r, "order-placed")) lag = std::max(lag, part(p, "depth_max"));
    for (const auto& p : partitions(calm, "order-placed"))
        calm_lag = std::max(calm_lag, part(p, "depth_max"));
    EXPECT_GT(lag, calm_lag);
    // Nor do the subscribers themselves: without any of them the user waits the same.
    auto bare_s = s;
    bare_s.faults.clear();
    for (const char* g : groups) remove_node(bare_s, g);
    auto bare = testing::run_report(bare_s);
    EXPECT_EQ(at(bare, {"clients"}), at(r, {"clients"}));
}

}  // namespace
}  // namespace flowlab
