#pragma once
/// The trace view: how many requests were traced and how many traces stayed connected
/// (from the report), a list of the recent sampled requests, and the chosen one as a
/// waterfall with the orphan traces of the same moment below it.
///
/// By default it follows the newest settled request; picking one in the list (or
/// clicking a client on the canvas) holds that one until "Latest" is picked again.

#include <QWidget>
#include <optional>
#include <vector>

#include "flowlab/run/frame.hpp"
#include "panels/trace_layout.hpp"

class QComboBox;
class QLabel;
class QScrollArea;

namespace flowlab::ui {

class ScenarioDocument;
class TraceWaterfall;

class TracePanel : public QWidget {
    Q_OBJECT
public:
    explicit TracePanel(ScenarioDocument* document, QWidget* parent = nullptr);

    void showFrame(const run::Frame& frame);
    /// Holds the newest trace that began at client node `clientIndex` (no change when
    /// the frame has none).
    void selectLatestTraceOf(int clientIndex);
    /// Back to following the newest settled trace (after a new scenario is opened).
    void followLatest();

    const TraceLayout& traceLayout() const;
    QString headerText() const;
    QComboBox* traceList() const { return list_; }
    TraceWaterfall* waterfall() const { return waterfall_; }

private:
    void onListActivated(int index);
    void refreshList();
    void redraw();

    ScenarioDocument* document_;
    QLabel* header_;
    QComboBox* list_;
    QScrollArea* scroll_;
    TraceWaterfall* waterfall_;
    std::vector<run::TraceFrame> traces_;  ///< the frame's user traces, newest last
    std::vector<run::TraceFrame> all_;     ///< the frame's traces, orphans included
    std::optional<std::uint64_t> held_;    ///< the trace picked by hand, if any
    run::TraceFrame shown_;  ///< the trace drawn (a held one outlives the frame's list)
    std::vector<run::TraceFrame> shownOrphans_;
    double now_ = 0;
};

}  // namespace flowlab::ui
