#pragma once
/// Live charts of the run: per-client latency percentiles, availability and throughput
/// (with theory lines where theory applies) and the selected node's thread states and
/// backlog or depth. Redraws at most 10 times a second, and only when a new sample
/// arrived or the charted nodes changed. An interval in which no request finished is
/// a gap in the latency and availability lines.
///
/// The client charts plot each sample interval on its own (per 0.5 s), which shows a
/// change the moment it happens; their titles add the figure since the start of the run
/// (from the frame's report), which is what the lesson text and the CLI report quote.

#include <QElapsedTimer>
#include <QWidget>
#include <utility>

#include "flowlab/run/frame.hpp"

class QGridLayout;

namespace flowlab::ui {

class ScenarioDocument;
class TimeChart;

class ChartPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChartPanel(ScenarioDocument* document, QWidget* parent = nullptr);

    /// Draws the frame's chart history; skipped if the last redraw was < 100 ms ago or
    /// nothing changed since, unless `force` (selection changes, tests, screenshots).
    void showFrame(const run::Frame& frame, bool force = false);
    /// Whether the charts stand in one row (a short panel) rather than two.
    bool inOneRow() const { return oneRow_; }
    /// The node whose thread states / depth are charted; a client here picks the client
    /// charted above too. "" = the first client, and the first queue or topic (else
    /// the first service).
    void setSelectedNode(const QString& id);

    TimeChart* latencyChart() const { return latency_; }
    TimeChart* availabilityChart() const { return availability_; }
    TimeChart* throughputChart() const { return throughput_; }
    TimeChart* nodeChart() const { return node_; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    /// The node the lesson's watch list names first under `prefix` ("clients." or
    /// "nodes.") whose kind is `wanted`; -1 for none.
    int firstWatched(const char* prefix, bool (*wanted)(model::NodeKind)) const;
    int chartedClient() const;
    int chartedNode() const;

    /// What the last redraw showed: the charted client and node, and their series' size and newest
    /// time.
    struct Mark {
        int client = -1, node = -1;
        std::pair<size_t, double> clientSeries{0, -1.0}, nodeSeries{0, -1.0};
        bool operator==(const Mark&) const = default;
    };

    ScenarioDocument* document_;
    QString selected_;
    Mark lastMark_{-2, -2, {}, {}};
    QElapsedTimer sinceRedraw_;
    QGridLayout* grid_;
    bool oneRow_ = false;
    TimeChart* latency_;
    TimeChart* availability_;
    TimeChart* throughput_;
    TimeChart* node_;
};

}  // namespace flowlab::ui
