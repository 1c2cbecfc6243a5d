#include "panels/chart_panel.hpp"

#include <QGridLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "canvas/node_style.hpp"
#include "document/scenario_document.hpp"
#include "flowlab/run/metric_path.hpp"
#include "panels/metric_format.hpp"
#include "panels/node_name.hpp"
#include "panels/time_chart.hpp"

namespace flowlab::ui {

namespace {

// Series indices, in the order the constructor adds them.
enum LatencyLine { lineP50, lineP95, lineP99, lineP99Bound, lineP99WorkSum };
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

/// The chart sampling interval, read off the samples (the engine's 0.5 s).
template <class Points>
double sampleInterval(const std::vector<Points>& points) {
    if (points.size() >= 2) return points[1].t_s - points[0].t_s;
    return 0.5;
}

QString seconds(double s) { return QString::number(s, 'g', 3); }

}  // namespace

ChartPanel::ChartPanel(ScenarioDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
    latency_ = new TimeChart(tr("Latency"), tr("ms"), this);
    latency_->addLine(tr("P50"), QColor(0x43, 0xa0, 0x47));
    latency_->addLine(tr("P95"), QColor(0xfb, 0x8c, 0x00));
    latency_->addLine(tr("P99"), QColor(0xd3, 0x2f, 0x2f));
    // A bound only where one is proven; the work sum is what the chain's work alone gives.
    latency_->addLine(tr("P99 bound (theory)"), QColor(0x60, 0x60, 0x60), true);
    latency_->addLine(tr("P99 sum of work, no queueing"), QColor(0x8e, 0x24, 0xaa), true);
    availability_ = new TimeChart(tr("Availability"), tr("% ok"), this);
    availability_->addLine(tr("each 0.5 s"), QColor(0x1e, 0x88, 0xe5));
    availability_->addLine(tr("theory"), QColor(0x60, 0x60, 0x60), true);
    throughput_ = new TimeChart(tr("Throughput"), tr("per s"), this);
    throughput_->addLine(tr("ok"), workingColor());
    throughput_->addLine(tr("failed"), failureColor());
    node_ = new TimeChart(tr("Node"), tr("count"), this);
    node_->addStackedBand(tr("working"), workingColor());
    node_->addStackedBand(tr("blocked"), blockedColor());
    node_->addStackedBand(tr("idle"), idleColor());
    node_->addLine(tr("waiting / depth"), QColor(0x6a, 0x1b, 0x9a));
    grid_ = new QGridLayout(this);
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setSpacing(2);
    grid_->addWidget(latency_, 0, 0);
    grid_->addWidget(availability_, 0, 1);
    grid_->addWidget(throughput_, 1, 0);
    grid_->addWidget(node_, 1, 1);
    setMinimumHeight(2 * latency_->minimumHeight() + grid_->spacing());
}

void ChartPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // Two rows of charts need ~440 px; under a canvas on a 720- or 900-line screen the
    // panel gets ~300, and two rows of 150 px leave plots 40 px high, too flat to show a
    // trend from the back of a room. Then the four stand in one row: narrower, but each
    // twice as tall.
    const bool oneRow = height() < 440 && width() >= 4 * 170;
    // One row of charts needs one chart's height, which leaves the canvas room to fit a
    // lesson on a 1280x720 projector; two rows need two. The arrangement depends on the
    // height only through the 440 px threshold, above both minimums, so this cannot
    // flip back and forth.
    const bool wide = width() >= 4 * 170;
    setMinimumHeight((wide ? 1 : 2) * latency_->minimumHeight() + (wide ? 0 : grid_->spacing()));
    if (oneRow == oneRow_ && grid_->count() == 4) return;
    oneRow_ = oneRow;
    TimeChart* order[] = {latency_, availability_, throughput_, node_};
    for (int i = 0; i < 4; ++i) {
        grid_->removeWidget(order[i]);
        grid_->addWidget(order[i], oneRow ? 0 : i / 2, oneRow ? i : i % 2);
    }
    for (int c = 0; c < 4; ++c) grid_->setColumnStretch(c, oneRow || c < 2 ? 1 : 0);
}

void ChartPanel::setSelectedNode(const QString& id) { selected_ = id; }

int ChartPanel::firstWatched(const char* prefix, bool (*wanted)(model::NodeKind)) const {
    const model::Scenario& scenario = document_->scenario();
    if (!scenario.lesson) return -1;
    const std::string head = prefix;
    for (const auto& entry : scenario.lesson->watch) {
        if (entry.metric.rfind(head, 0) != 0) continue;
        const std::string id =
            entry.metric.substr(head.size(), entry.metric.find('.', head.size()) - head.size());
        const int i = document_->nodeIndex(QString::fromStdString(id));
        if (i >= 0 && wanted(scenario.nodes[i].kind)) return i;
    }
    return -1;
}

int ChartPanel::chartedClient() const {
    const auto& nodes = document_->scenario().nodes;
    int first = -1;
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].kind != model::NodeKind::client) continue;
        if (QString::fromStdString(nodes[i].id) == selected_) return int(i);
        if (first < 0) first = int(i);
    }
    // The client the lesson watches first (the limited lane of two, say), else the first.
    const int watched =
        firstWatched("clients.", [](model::NodeKind k) { return k == model::NodeKind::client; });
    return watched >= 0 ? watched : first;
}

int ChartPanel::chartedNode() const {
    const auto& nodes = document_->scenario().nodes;
    const int chosen = document_->nodeIndex(selected_);
    if (chosen >= 0 && nodes[chosen].kind != model::NodeKind::client) return chosen;
    // The broker the lesson watches first (its backlog is the story), else the first
    // broker; otherwise the first service's threads.
    const int watched = firstWatched("nodes.", [](model::NodeKind k) {
        return k == model::NodeKind::queue || k == model::NodeKind::topic;
    });
    if (watched >= 0) return watched;
    for (size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].kind == model::NodeKind::queue || nodes[i].kind == model::NodeKind::topic)
            return int(i);
    for (size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].kind == model::NodeKind::service) return int(i);
    for (size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].kind != model::NodeKind::client) return int(i);
    return -1;
}

void ChartPanel::showFrame(const run::Frame& frame, bool force) {
    if (!force && sinceRedraw_.isValid() && sinceRedraw_.elapsed() < 100) return;
    const auto& scenario = document_->scenario();
    const auto& nodes = scenario.nodes;
    if (frame.nodes.size() != nodes.size()) return;  // an edit is on its way to the engine
    const int client = chartedClient();
    const int node = chartedNode();
    // The series gain a point per sample interval (0.5 s of virtual time): at speed 1
    // most frames bring none, and redrawing four charts for nothing costs the canvas
    // its frame budget.
    const Mark mark{client, node, seriesMark(frame.client_series, client),
                    seriesMark(frame.node_series, node)};
    if (!force && mark == lastMark_) return;
    lastMark_ = mark;
    sinceRedraw_.start();
    // The window ends at the newest sample, so it only moves when the data does.
    double newest = double(frame.now) / 1e9;
    if (mark.clientSeries.second >= 0 || mark.nodeSeries.second >= 0)
        newest = std::max(mark.clientSeries.second, mark.nodeSeries.second);
    const double x0 = std::max(0.0, newest - frame.window_s);
    const double x1 = std::max(newest, x0 + 1.0);

    QList<QPointF> l50, l95, l99, bound, workSum, avail, theory, okRate, failedRate;
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
        if (cf.theory_p99_bound_ms >= 0)
            bound = {QPointF(x0, cf.theory_p99_bound_ms), QPointF(x1, cf.theory_p99_bound_ms)};
        if (cf.theory_p99_work_sum_ms >= 0)
            workSum = {QPointF(x0, cf.theory_p99_work_sum_ms),
                       QPointF(x1, cf.theory_p99_work_sum_ms)};
        if (cf.theory_availability >= 0)
            theory = {QPointF(x0, cf.theory_availability * 100),
                      QPointF(x1, cf.theory_availability * 100)};
        const QString name = nodeName(nodes[client]).toHtmlEscaped();
        const QString each =
            tr("each %1 s").arg(seconds(sampleInterval(frame.client_series[client])));
        // Since start: the same figures the report (and so the lesson text) quotes.
        QString p99Total, availTotal;
        if (frame.report) {
            const std::string at = "clients." + nodes[client].id;
            const auto requests = run::metric_value(*frame.report, at + ".requests");
            const auto p99 = run::metric_value(*frame.report, at + ".latency_ms.p99");
            const auto a = run::metric_value(*frame.report, at + ".availability");
            // A figure never breaks between its number and its unit when the title wraps.
            const QChar nbsp(0x00a0);
            if (requests && *requests > 0 && p99)
                p99Total = tr("P99 since start <b>%1</b>")
                               .arg(formatMetric("latency_ms", *p99).replace(' ', nbsp));
            if (requests && *requests > 0 && a)
                availTotal = tr("since start <b>%1</b>")
                                 .arg(formatMetric("availability", *a).replace(' ', nbsp));
        }
        latency_->setTitle(tr("Latency of <b>%1</b>, %2").arg(name, each), p99Total);
        availability_->setTitle(tr("Availability of <b>%1</b>, %2").arg(name, each), availTotal);
        throughput_->setTitle(tr("Throughput of <b>%1</b>, %2").arg(name, each));
    }
    latency_->setPoints(lineP50, l50);
    latency_->setPoints(lineP95, l95);
    latency_->setPoints(lineP99, l99);
    latency_->setPoints(lineP99Bound, bound);
    latency_->setPoints(lineP99WorkSum, workSum);
    latency_->setRanges(x0, x1, 0, maxY(l99, maxY(bound, maxY(workSum, 1.0))) * 1.1);
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
        const bool threads =
            model::serves_calls(nodes[node].kind) || nodes[node].kind == model::NodeKind::consumer;
        for (const auto& p : frame.node_series[node]) {
            if (threads) {
                w << QPointF(p.t_s, p.working);
                b << QPointF(p.t_s, p.working + p.blocked);
                i << QPointF(p.t_s, p.working + p.blocked + p.idle);
            }
            q << QPointF(p.t_s, threads ? p.backlog : p.depth);
        }
        const QString name = nodeName(nodes[node]).toHtmlEscaped();
        if (threads)
            node_->setTitle(tr("<b>%1</b>: threads (stacked)").arg(name),
                            tr("and requests waiting"));
        else
            node_->setTitle(tr("<b>%1</b>: depth").arg(name));
        node_->setUnit(threads ? tr("count") : tr("msgs"));
    }
    node_->setPoints(bandWorking, w);
    node_->setPoints(bandBlocked, b);
    node_->setPoints(bandIdle, i);
    node_->setPoints(lineWaiting, q);
    node_->setRanges(x0, x1, 0, maxY(i, maxY(q, 1.0)) * 1.1);
}

}  // namespace flowlab::ui
