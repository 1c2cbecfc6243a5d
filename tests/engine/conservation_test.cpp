// Conservation over many random topologies (tests/engine/random_topology.hpp): whatever
// the wiring, capacities, retries and faults, every message published is acked,
// dead-lettered or still held somewhere at the end (`lost` == 0), each queue and DLQ
// balances its own books, every request is answered once with one reason for a failure,
// percentiles are in order, and every run finishes. 200 topologies here;
// tests/bench/engine_conservation_bench.cpp runs thousands.

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <cstdio>
#include <string>

#include "flowlab/model/save.hpp"
#include "random_topology.hpp"

namespace flowlab {
namespace {

using model::FaultKind;
using model::NodeKind;
using testing::num;
using testing::problems;
using testing::sum_over;

TEST(Conservation, NoMessageIsEverLostInRandomTopologies) {
    constexpr std::uint32_t topologies = 200;
    // Coverage: how many runs exercised each mechanism (the test is only as good as
    // what it shakes).
    int redelivered = 0, dead_lettered = 0, redriven = 0, rejected = 0, blocked = 0,
        held_at_end = 0, duplicates = 0, jobs = 0, client_failures = 0;
    for (std::uint32_t seed = 1; seed <= topologies; ++seed) {
        const testing::Topology t = testing::random_topology(seed);
        const std::string where = "topology " + std::to_string(seed);
        const bool failed_before = HasFailure();
        ASSERT_EQ(problems(t.s), "") << where;
        const testing::TopologyRun run = testing::run_topology(t);
        ASSERT_TRUE(run.finished) << where;
        for (const auto& broken : testing::invariant_violations(t, run))
            ADD_FAILURE() << where << ": " << broken;
        const auto& r = run.report;
        const double dead = num(r, {"conservation", "dead_lettered"}),
                     in_flight = num(r, {"conservation", "in_flight_end"});
        // Ended with no event left (not by the drain limit), so nothing was left to happen:
        // then nothing may be left behind either (a stalled worker pool would), unless a
        // consumer stopped for good (a crash or pause with no end).
        bool stopped_for_good = false;
        for (const auto& f : t.s.faults)
            stopped_for_good |=
                (f.kind == FaultKind::crash || f.kind == FaultKind::pause) && !f.for_s;
        if (run.ended_without_events && !stopped_for_good) {
            EXPECT_EQ(in_flight, 0) << where << " ended early with messages held";
            for (const auto& [id, v] : r.at("clients").as_object())
                EXPECT_EQ(v.at("failure_reasons").at("unfinished").to_number<double>(), 0)
                    << where << " " << id;
        }
        for (const auto& [id, v] : r.at("clients").as_object()) {
            const auto& o = v.as_object();
            if (o.contains("job")) jobs += num(o, {"job", "polls"}) > 0;
            client_failures += num(o, {"failed"}) > 0;
        }
        for (const auto& [id, v] : r.at("nodes").as_object())
            if (v.at("kind").as_string() == "consumer")
                duplicates += num(v.as_object(), {"duplicates_delivered"}) > 0;
        if (HasFailure() && !failed_before) {
            // Keep the failing topology as a scenario file, to replay with flowlab-cli.
            const std::string path =
                ::testing::TempDir() + "conservation_topology_" + std::to_string(seed) + ".json";
            if (model::save_scenario_file(t.s, path).empty())
                ADD_FAILURE() << where << " saved as " << path;
        }
        redriven += run.moved > 0;
        redelivered += sum_over(r, NodeKind::queue, "redelivered") > 0;
        dead_lettered += dead > 0;
        rejected +=
            sum_over(r, NodeKind::queue, "rejected") + sum_over(r, NodeKind::topic, "rejected") > 0;
        blocked += sum_over(r, NodeKind::topic, "producer_blocked_s") > 0;
        held_at_end += in_flight > 0;
    }
    std::printf(
        "conservation: %u topologies; redelivered %d, dead-lettered %d, redriven %d, rejected "
        "%d, blocked %d, held at end %d, duplicates %d, polled jobs %d, client failures %d\n",
        topologies, redelivered, dead_lettered, redriven, rejected, blocked, held_at_end,
        duplicates, jobs, client_failures);
    // Each mechanism must have been exercised by a fair share of the topologies.
    EXPECT_GE(redelivered, 10);
    EXPECT_GE(dead_lettered, 10);
    EXPECT_GE(redriven, 5);
    EXPECT_GE(rejected, 10);
    EXPECT_GE(blocked, 5);
    EXPECT_GE(held_at_end, 5);
    EXPECT_GE(duplicates, 10);
    EXPECT_GE(jobs, 10);
    EXPECT_GE(client_failures, 10);
}

}  // namespace
}  // namespace flowlab
