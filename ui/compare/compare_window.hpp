#pragma once
/// Compare mode: two designs under the same arrivals, side by side in one window.
///
/// Both canvases are visible at once (side by side or stacked, whichever shows both
/// graphs larger in the window), each titled with its scenario's name in its side's
/// colour; one transport drives both runs at the same virtual time (CompareClock); each
/// chart shows both runs overlaid (CompareCharts); the watch panel shows A, B and B - A
/// (CompareWatch). B runs with A's seed, as `flowlab-cli compare` does, so a client with
/// the same id and arrival settings in both sends the very same requests to both.
///
/// Entry points: CompareWindow::fromFiles (flowlab --compare A B, File > Compare with...),
/// CompareWindow::fromPair (a `flowlab-compare-pair/1` file: flowlab --compare-pair, the
/// lesson browser's Compare section), or the constructor with two scenarios in memory
/// (e.g. a run's abandoned future as B).

#include <QMainWindow>
#include <QString>
#include <vector>

#include "flowlab/model/compare_pair.hpp"
#include "flowlab/model/scenario.hpp"

class QLabel;
class QSplitter;

namespace flowlab::ui {

class CanvasScene;
class CanvasView;
class CompareCharts;
class CompareClock;
class CompareWatch;
class LiveSession;
class RunControls;
class TimelineBar;
class ScenarioDocument;
class TransportKeys;

/// What a compare window opens: two scenarios, their names, and what the pair says.
struct CompareSetup {
    model::Scenario a, b;
    QString nameA, nameB;  ///< "" = the scenario's name, else its file's name
    QString fileA, fileB;  ///< the files they came from ("" for one in memory)
    QString title;         ///< "" = "A vs B"
    QString explain;       ///< what the contrast shows ("" for none)
    std::vector<model::ComparePairWatch> watch;  ///< figures watched beyond the client's
};

class CompareWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit CompareWindow(CompareSetup setup, QWidget* parent = nullptr);
    ~CompareWindow() override;

    /// Opens two scenario files; null with the located problems in `errors`.
    static CompareWindow* fromFiles(const QString& fileA, const QString& fileB, QStringList* errors,
                                    QWidget* parent = nullptr);
    /// Opens a compare pair file; null with the located problems in `errors`.
    static CompareWindow* fromPair(const QString& pairFile, QStringList* errors,
                                   QWidget* parent = nullptr);
    /// A compare window on `a` and `b` that deletes itself when closed, shown.
    static CompareWindow* open(CompareSetup setup, QWidget* parent = nullptr);

    /// Runs both `seconds` further as fast as possible and draws them (--run-for, tests).
    void runFor(double seconds);
    QImage screenshot();

    const CompareSetup& setup() const { return setup_; }
    QString nameA() const { return setup_.nameA; }
    QString nameB() const { return setup_.nameB; }
    /// The client whose figures are compared ("" when the designs share none).
    std::string client() const { return client_; }
    CompareClock* clock() const { return clock_; }
    LiveSession* sessionA() const { return sessionA_; }
    LiveSession* sessionB() const { return sessionB_; }
    CanvasScene* sceneA() const { return sceneA_; }
    CanvasScene* sceneB() const { return sceneB_; }
    CanvasView* viewA() const { return viewA_; }
    CanvasView* viewB() const { return viewB_; }
    CompareCharts* charts() const { return charts_; }
    CompareWatch* watch() const { return watch_; }
    RunControls* runControls() const { return runControls_; }
    QAction* backAction() const { return back_; }
    /// One timeline for both runs (they always stand at the same time): A's faults and
    /// checkpoints, bookmarks, and a seek that takes both to the same moment.
    TimelineBar* timeline() const { return timeline_; }
    /// Whether the canvases stand side by side (else stacked).
    bool sideBySide() const;
    /// The canvas pane's title label of each side (tests read their text and colour).
    QLabel* canvasTitle(int side) const { return side == 0 ? titleA_ : titleB_; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    QWidget* createCanvasPane(int side);
    QWidget* createHeader();
    void createTransport();
    /// The canvases with the timeline under them.
    QWidget* createCanvasArea();
    void showFrames();
    /// Side by side or stacked: whichever gives the smaller of the two graphs more zoom.
    void arrangeCanvases();
    /// The charts' share of the height, then the canvases' arrangement.
    void placePanes();

    CompareSetup setup_;
    std::string client_;
    LiveSession* sessionA_;
    LiveSession* sessionB_;
    CompareClock* clock_;
    ScenarioDocument* documentA_;
    ScenarioDocument* documentB_;
    CanvasScene* sceneA_;
    CanvasScene* sceneB_;
    CanvasView* viewA_ = nullptr;
    CanvasView* viewB_ = nullptr;
    QLabel* titleA_ = nullptr;
    QLabel* titleB_ = nullptr;
    QSplitter* canvases_ = nullptr;
    QSplitter* column_ = nullptr;
    QSplitter* body_ = nullptr;
    CompareCharts* charts_ = nullptr;
    CompareWatch* watch_ = nullptr;
    RunControls* runControls_ = nullptr;
    TransportKeys* keys_ = nullptr;
    QAction* back_ = nullptr;
    TimelineBar* timeline_ = nullptr;
    bool placed_ = false;
};

}  // namespace flowlab::ui
