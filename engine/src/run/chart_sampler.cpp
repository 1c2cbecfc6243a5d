#include "run/chart_sampler.hpp"

#include <cmath>

#include "flowlab/run/metric_path.hpp"
#include "runtime/async_messaging.hpp"

namespace flowlab::run {

ChartSampler::ChartSampler(const runtime::World& world, double window_s, double interval_s,
                           std::vector<std::string> watch_metrics)
    : window_s_(window_s),
      interval_(kernel::from_s(interval_s)),
      next_(world.now() + kernel::from_s(interval_s)),
      last_(world.now()),
      max_points_(static_cast<std::size_t>(std::ceil(window_s / interval_s)) + 1),
      clients_(world.nodes.size()),
      working_prev_(world.nodes.size(), 0.0),
      blocked_prev_(world.nodes.size(), 0.0),
      client_series_(world.nodes.size()),
      node_series_(world.nodes.size()),
      watch_metrics_(std::move(watch_metrics)),
      watch_series_(watch_metrics_.size()) {}

void ChartSampler::sample(const runtime::World& world, LiveObserver& observer) {
    for (const auto& end : observer.ends) {
        ClientWindow& c = clients_[end.client];
        c.latency.record(end.latency_ms);
        if (end.success)
            ++c.ok;
        else
            ++c.failed;
    }
    observer.ends.clear();

    const kernel::SimTime now = world.now();
    const double dt = kernel::to_s(now - last_);
    const double t = kernel::to_s(now);
    for (std::size_t i = 0; i < world.nodes.size(); ++i) {
        const runtime::NodeRt& n = world.nodes[i];
        if (n.kind == model::NodeKind::client) {
            ClientWindow& c = clients_[i];
            ClientPoint p;
            p.t_s = t;
            p.p50_ms = c.latency.quantile(0.50);
            p.p95_ms = c.latency.quantile(0.95);
            p.p99_ms = c.latency.quantile(0.99);
            const std::uint64_t total = c.ok + c.failed;
            p.availability = total ? static_cast<double>(c.ok) / static_cast<double>(total) : 1.0;
            p.ok_per_s = dt > 0 ? static_cast<double>(c.ok) / dt : 0;
            p.failed_per_s = dt > 0 ? static_cast<double>(c.failed) / dt : 0;
            client_series_[i].push_back(p);
            if (client_series_[i].size() > max_points_) client_series_[i].pop_front();
            c.latency.clear();  // reuse the buckets: no allocation per sample
            c.ok = c.failed = 0;
            continue;
        }
        if (model::serves_requests(n.kind)) {
            const double working = n.working_level.integral(now);
            const double blocked = n.blocked_level.integral(now);
            NodePoint p;
            p.t_s = t;
            if (dt > 0) {
                p.working = (working - working_prev_[i]) / dt;
                p.blocked = (blocked - blocked_prev_[i]) / dt;
                p.idle = std::max(0.0, n.threads - p.working - p.blocked);
            }
            p.backlog = static_cast<double>(n.backlog.size());
            working_prev_[i] = working;
            blocked_prev_[i] = blocked;
            node_series_[i].push_back(p);
            if (node_series_[i].size() > max_points_) node_series_[i].pop_front();
            continue;
        }
        if (n.kind == model::NodeKind::queue || n.kind == model::NodeKind::topic ||
            n.kind == model::NodeKind::consumer || n.kind == model::NodeKind::dlq) {
            // Async nodes chart what they hold at the sample instant: depth or lag,
            // busy consumer instances, dead letters.
            const runtime::AsyncNodeView view = world.messaging->view(static_cast<runtime::Id>(i));
            NodePoint p;
            p.t_s = t;
            p.depth = static_cast<double>(n.kind == model::NodeKind::dlq ? view.dead_letters
                                                                         : view.depth);
            p.working = view.busy;
            p.idle = std::max(0, view.instances - view.busy);
            node_series_[i].push_back(p);
            if (node_series_[i].size() > max_points_) node_series_[i].pop_front();
        }
    }
    sample_watch(world, t);
    last_ = now;
    next_ = now + interval_;
}

void ChartSampler::sample_watch(const runtime::World& world, double t) {
    if (watch_metrics_.empty()) return;
    // The same report the CLI prints, so a watched curve ends where the report does.
    const boost::json::object report = world.report();
    for (std::size_t i = 0; i < watch_metrics_.size(); ++i) {
        const auto value = metric_value(report, watch_metrics_[i]);
        if (!value) continue;
        watch_series_[i].push_back({t, *value});
        if (watch_series_[i].size() > max_points_) watch_series_[i].pop_front();
    }
}

void ChartSampler::copy_into(Frame& frame) const {
    frame.window_s = window_s_;
    frame.client_series.assign(client_series_.size(), {});
    frame.node_series.assign(node_series_.size(), {});
    for (std::size_t i = 0; i < client_series_.size(); ++i) {
        frame.client_series[i].assign(client_series_[i].begin(), client_series_[i].end());
        if (client_series_[i].empty() || i >= frame.clients.size()) continue;
        const ClientPoint& last = client_series_[i].back();
        ClientFrame& c = frame.clients[i];
        c.p50_ms = last.p50_ms;
        c.p95_ms = last.p95_ms;
        c.p99_ms = last.p99_ms;
        c.availability = last.availability;
        c.ok_per_s = last.ok_per_s;
        c.failed_per_s = last.failed_per_s;
    }
    for (std::size_t i = 0; i < node_series_.size(); ++i)
        frame.node_series[i].assign(node_series_[i].begin(), node_series_[i].end());
    frame.watch_metrics = watch_metrics_;
    frame.watch_series.assign(watch_series_.size(), {});
    for (std::size_t i = 0; i < watch_series_.size(); ++i)
        frame.watch_series[i].assign(watch_series_[i].begin(), watch_series_[i].end());
}

}  // namespace flowlab::run
