#include "panels/chart_panel.hpp"

#include <QGridLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "canvas/node_style.hpp"
#include "document/scenario_document.hpp"
#include "panels/time_chart.hpp"

namespace flowlab::ui {

namespace {

// Series indices, in the order the constructor adds them.
enum LatencyLine { lineP50, lineP95, lineP99, lineP99Bound };
enum AvailabilityLine { lineMeasured, lineTheory };
enum ThroughputLine { lineOk, lineFailed };
enum NodeLine { bandWorking, bandBlocked, bandIdle, lineWaiting };

constexpr double gap = std::numeric_limits<double>::quiet_NaN();

double maxY(const QList<QPointF>& points, double floor) {
    double m = floor;
    for (const auto& p : points)
        if (std::isfinite(p.y())) m = std::max(m, p.y());
    return m;
}

/// Size and newest time of a chart series: when neither moved, nothing needs drawing.
template <class Points>
std::pair<size_t, double> seriesMark(const std::vector<Points>& series, int index) {
    if (index < 0 || index >= int(series.size()) || series[index].empty()) return {0, -1.0};
    return {series[index].size(), series[index].back().t_s};
}

}  // namespace

ChartPanel::ChartPanel(ScenarioDocument* document, QWidget* parent) : QWidget(parent), document_(document) {
    latency_ = new TimeChart(tr("Latency"), tr("ms"), this);
    latency_->addLine(tr("P50"), QColor(0x43, 0xa0, 0x47));
    latency_->addLine(tr("P95"), QColor(0xfb, 0x8c, 0x00));
    latency_->addLine(tr("P99"), QColor(0xd3, 0x2f, 0x2f));
    latency_->addLine(tr("P99 theory bound"), QColor(0x60, 0x60, 0x60), true);
    availability_ = new TimeChart(tr("Availability"), tr("% ok"), this);
    availability_->addLine(tr("measured"), QColor(0x1e, 0x88, 0xe5));
    availability_->addLine(tr("theory"), QColor(0x60, 0x60, 0x60), true);
    throughput_ = new TimeChart(tr("Throughput"), tr("per s"), this);
    throughput_->addLine(tr("ok"), workingColor());
    throughput_->addLine(tr("failed"), failureColor());
    node_ = new TimeChart(tr("Node"), tr("count"), this);
    node_->addStackedBand(tr("working"), workingColor());
    node_->addStackedBand(tr("blocked"), blockedColor());
    node_->addStackedBand(tr("idle"), idleColor());
    node_->addLine(tr("waiting / depth"), QColor(0x6a, 0x1b, 0x9a));
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    grid->addWidget(latency_, 0, 0);
    grid->addWidget(availability_, 0, 1);
    grid->addWidget(throughput_, 1, 0);
    grid->addWidget(node_, 1, 1);
}

void ChartPanel::setSelectedNode(const QString& id) { selected_ = id; }

int ChartPanel::chartedClient() const {
    const auto& nodes = document_->scenario().nodes;
    int first = -1;
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].kind != model::NodeKind::client) continue;
        if (QString::fromStdString(nodes[i].id) == selected_) return int(i);
        if (first < 0) first = int(i);
    }
    return first;
}

int ChartPanel::chartedNode() const {
    const auto& nodes = document_->scenario().nodes;
    const int chosen = document_->nodeIndex(selected_);
    if (chosen >= 0 && nodes[chosen].kind != model::NodeKind::client) return chosen;
    // Where a scenario has a broker, its depth is the story (a backlog instead of errors);
    // otherwise the first service's threads are.
    for (size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].kind == model::NodeKind::queue || nodes[i].kind == model::NodeKind::topic) return int(i);
    for (size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].kind == model::NodeKind::service) return int(i);
    for (size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].kind != model::NodeKind::client) return int(i);
    return -1;
}

void ChartPanel::showFrame(const run::Frame& frame, bool force) {
    if (!force && sinceRedraw_.isValid() && sinceRedraw_.elapsed() < 100) return;
    const auto& nodes = document_->scenario().nodes;
    if (frame.nodes.size() != nodes.size()) return;  // an edit is on its way to the engine
    const int client = chartedClient();
    const int node = chartedNode();
    // The series gain a point per sample interval (0.5 s of virtual time): at speed 1
    // most frames bring none, and redrawing four charts for nothing costs the canvas
    // its frame budget.
    const Mark mark{client, node, seriesMark(frame.client_series, client), seriesMark(frame.node_series, node)};
    if (!force && mark == lastMark_) return;
    lastMark_ = mark;
    sinceRedraw_.start();
    // The window ends at the newest sample, so it only moves when the data does.
    double newest = double(frame.now) / 1e9;
    if (mark.clientSeries.second >= 0 || mark.nodeSeries.second >= 0) newest = std::max(mark.clientSeries.second, mark.nodeSeries.second);
    const double x0 = std::max(0.0, newest - frame.window_s);
    const double x1 = std::max(newest, x0 + 1.0);

    QList<QPointF> l50, l95, l99, bound, avail, theory, okRate, failedRate;
    if (client >= 0 && client < int(frame.client_series.size())) {
        for (const auto& p : frame.client_series[client]) {
            // Nothing finished in the interval: no latency and no availability to show
            // (the engine reports 100% and 0 ms there). A gap, not a value.
            const bool finished = p.ok_per_s + p.failed_per_s > 0;
            l50 << QPointF(p.t_s, finished ? p.p50_ms : gap);
            l95 << QPointF(p.t_s, finished ? p.p95_ms : gap);
            l99 << QPointF(p.t_s, finished ? p.p99_ms : gap);
            avail << QPointF(p.t_s, finished ? p.availability * 100.0 : gap);
            okRate << QPointF(p.t_s, p.ok_per_s);
            failedRate << QPointF(p.t_s, p.failed_per_s);
        }
        const auto& cf = frame.clients[client];
        // Theory lines span the window where the engine says theory applies.
        if (cf.theory_p99_bound_ms >= 0) bound = {QPointF(x0, cf.theory_p99_bound_ms), QPointF(x1, cf.theory_p99_bound_ms)};
        if (cf.theory_availability >= 0)
            theory = {QPointF(x0, cf.theory_availability * 100), QPointF(x1, cf.theory_availability * 100)};
        const QString name = QString::fromStdString(nodes[client].id);
        latency_->setTitle(tr("Latency of %1").arg(name));
        availability_->setTitle(tr("Availability of %1").arg(name));
        throughput_->setTitle(tr("Throughput of %1").arg(name));
    }
    latency_->setPoints(lineP50, l50);
    latency_->setPoints(lineP95, l95);
    latency_->setPoints(lineP99, l99);
    latency_->setPoints(lineP99Bound, bound);
    latency_->setRanges(x0, x1, 0, maxY(l99, maxY(bound, 1.0)) * 1.1);
    availability_->setPoints(lineMeasured, avail);
    availability_->setPoints(lineTheory, theory);
    double low = 100.0;
    for (const auto& p : avail + theory)
        if (std::isfinite(p.y())) low = std::min(low, p.y());
    availability_->setRanges(x0, x1, std::max(0.0, std::floor(low - 1.0)), 100.5);
    throughput_->setPoints(lineOk, okRate);
    throughput_->setPoints(lineFailed, failedRate);
    throughput_->setRanges(x0, x1, 0, maxY(okRate, maxY(failedRate, 1.0)) * 1.1);

    QList<QPointF> w, b, i, q;
    if (node >= 0 && node < int(frame.node_series.size())) {
        const bool threads = nodes[node].kind == model::NodeKind::service ||
                             nodes[node].kind == model::NodeKind::database ||
                             nodes[node].kind == model::NodeKind::consumer;
        for (const auto& p : frame.node_series[node]) {
            if (threads) {
                w << QPointF(p.t_s, p.working);
                b << QPointF(p.t_s, p.working + p.blocked);
                i << QPointF(p.t_s, p.working + p.blocked + p.idle);
            }
            q << QPointF(p.t_s, threads ? p.backlog : p.depth);
        }
        node_->setTitle(threads ? tr("%1: threads (stacked) and waiting requests").arg(QString::fromStdString(nodes[node].id))
                                : tr("%1: depth").arg(QString::fromStdString(nodes[node].id)));
        node_->setUnit(threads ? tr("count") : tr("messages"));
    }
    node_->setPoints(bandWorking, w);
    node_->setPoints(bandBlocked, b);
    node_->setPoints(bandIdle, i);
    node_->setPoints(lineWaiting, q);
    node_->setRanges(x0, x1, 0, maxY(i, maxY(q, 1.0)) * 1.1);
}

}  // namespace flowlab::ui
