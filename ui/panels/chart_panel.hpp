#pragma once
/// Live charts of the run: per-client latency percentiles, availability and throughput
/// (with theory lines where theory applies) and the selected node's thread states and
/// backlog or depth. Redraws at most 10 times a second.

#include <QElapsedTimer>
#include <QWidget>

#include "flowlab/run/frame.hpp"

namespace flowlab::ui {

class ScenarioDocument;
class TimeChart;

class ChartPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChartPanel(ScenarioDocument* document, QWidget* parent = nullptr);

    /// Draws the frame's chart history; skipped if the last redraw was < 100 ms ago
    /// unless `force` (tests, screenshots).
    void showFrame(const run::Frame& frame, bool force = false);
    /// The node whose thread states / depth are charted; a client here picks the client
    /// charted above too. "" = the first client and the first service.
    void setSelectedNode(const QString& id);

    TimeChart* latencyChart() const { return latency_; }
    TimeChart* availabilityChart() const { return availability_; }
    TimeChart* throughputChart() const { return throughput_; }
    TimeChart* nodeChart() const { return node_; }

private:
    int chartedClient() const;
    int chartedNode() const;

    ScenarioDocument* document_;
    QString selected_;
    QElapsedTimer sinceRedraw_;
    TimeChart* latency_;
    TimeChart* availability_;
    TimeChart* throughput_;
    TimeChart* node_;
};

}  // namespace flowlab::ui
