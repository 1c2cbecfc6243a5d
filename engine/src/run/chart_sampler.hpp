#pragma once
// Turns the live run into chart series: every `interval` of virtual time it takes one
// point per client (latency percentiles, availability and throughput of the requests
// that ended in the interval) and per node (mean thread states, backlog, depth), and
// keeps a sliding window of them.

#include <deque>
#include <string>
#include <vector>

#include "flowlab/metrics/latency_histogram.hpp"
#include "flowlab/run/frame.hpp"
#include "run/live_observer.hpp"
#include "runtime/world.hpp"

namespace flowlab::run {

class ChartSampler {
public:
    /// `watch_metrics`: report paths sampled too (the lesson's watch list).
    ChartSampler(const runtime::World& world, double window_s, double interval_s,
                 std::vector<std::string> watch_metrics = {});

    kernel::SimTime next_sample() const { return next_; }
    /// Takes the point for the interval ending now (world.now() == next_sample()).
    void sample(const runtime::World& world, LiveObserver& observer);

    void copy_into(Frame& frame) const;
    double window_s() const { return window_s_; }

private:
    void sample_watch(const runtime::World& world, double t);

    struct ClientWindow {
        metrics::LatencyHistogram latency;
        std::uint64_t ok = 0, failed = 0;
    };
    double window_s_;
    kernel::SimTime interval_;
    kernel::SimTime next_;
    kernel::SimTime last_ = 0;
    std::size_t max_points_;
    std::vector<ClientWindow> clients_;
    std::vector<double> working_prev_, blocked_prev_;
    std::vector<std::deque<ClientPoint>> client_series_;
    std::vector<std::deque<NodePoint>> node_series_;
    std::vector<std::string> watch_metrics_;
    std::vector<std::deque<MetricPoint>> watch_series_;
};

}  // namespace flowlab::run
