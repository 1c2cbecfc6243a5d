#pragma once
/// The FlowLab window: palette and lesson on the left, canvas above charts and traces in
/// the middle, the watched figures and their chart on the right above the inspector and
/// failure reasons, run controls on top.

#include <QMainWindow>
#include <memory>

#include "flowlab/run/frame.hpp"

class QBoxLayout;
class QDockWidget;
class QLabel;
class QMenu;
class QSplitter;
class QTabWidget;

namespace flowlab::ui {

class Autosave;
class CanvasScene;
class CanvasView;
class Exporter;
class ChallengePanel;
class ChartPanel;
class CompareWindow;
class FailurePanel;
class FaultControls;
class FaultsPanel;
class MessageInspector;
class InspectorPanel;
class LegendPanel;
class LessonChart;
class LessonPanel;
class LiveSession;
class PresenterMode;
class RunControls;
class RunKeys;
class TransportKeys;
class ScenarioDocument;
class TimelineBar;
class TracePanel;
class WatchPanel;
class WhichOneDialog;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// What to do when an opened file has a newer autosave (a crash's leftover): ask (the
    /// default), accept or decline without asking (--recover, tests), or leave it for a
    /// later, interactive start (scripted runs: --screenshot, --dump-watch).
    enum class RecoveryChoice { ask, accept, decline, leave };
    void setRecoveryChoice(RecoveryChoice choice) { recoveryChoice_ = choice; }
    Autosave* autosave() const { return autosave_; }

    /// Loads a file; on any problem nothing changes and `errors` gets every diagnostic.
    /// A newer autosave of it is offered for recovery (setRecoveryChoice).
    bool openFile(const QString& path, QStringList* errors = nullptr);
    /// Saves atomically to `path`; returns "" or the error message. (Save As adds
    /// `.json` to a name chosen without it: withJsonSuffix.)
    QString saveTo(const QString& path);
    /// Runs `seconds` of virtual time as fast as possible, waits for it, and redraws
    /// everything from the final frame (for --run-for and tests).
    void runFor(double seconds);
    /// The window as a picture (canvas, charts and panels).
    QImage screenshot();

    // The timeline under the canvas (main_window_timeline.cpp).
    TimelineBar* timeline() const { return timeline_; }
    /// Goes to virtual time `seconds` of this run (0 to the furthest played), waits for it
    /// and redraws everything from that frame (the timeline, --seek and tests).
    void seekTo(double seconds);
    /// Writes the run as a scenario with its recording: the scenario it started from (with
    /// the document's layout and lesson) and every live input. Returns "" or the error.
    QString saveRecordingTo(const QString& path);
    /// Opens the run as it now goes (A) and the future the last fork abandoned (B), each
    /// replaying its own recording, in a compare window; null when nothing was abandoned.
    CompareWindow* openAbandonedFutureAsCompare();

    ScenarioDocument* document() const { return document_; }
    LiveSession* session() const { return session_; }
    CanvasScene* scene() const { return scene_; }
    CanvasView* view() const { return view_; }
    InspectorPanel* inspector() const { return inspector_; }
    ChartPanel* charts() const { return charts_; }
    FailurePanel* failures() const { return failures_; }
    RunControls* runControls() const { return runControls_; }
    WatchPanel* watch() const { return watch_; }
    LessonChart* lessonChart() const { return lessonChart_; }
    TracePanel* traces() const { return traces_; }
    LessonPanel* lesson() const { return lesson_; }
    /// Whether lessons reopen at the step the user last reached (off by default, so that
    /// tests and --screenshot runs never depend on what a user did before).
    void setRemembersLessonProgress(bool on);
    /// Writes the canvas, the charts and the report (File > Export, --export).
    Exporter* exporter() const { return exporter_; }
    ChallengePanel* challenge() const { return challenge_; }
    /// Charts and traces share the space under the canvas.
    QTabWidget* bottomTabs() const { return bottomTabs_; }
    /// The engine failure shown in the status bar ("" when the engine is fine).
    QString engineError() const;
    /// Faults, redrive and continuing the run (main_window_faults.cpp).
    FaultControls* faultControls() const { return faultControls_; }
    FaultsPanel* faultsPanel() const { return faultsPanel_; }
    MessageInspector* messageInspector() const { return messageInspector_; }

    // Presenter mode, themes and text zoom (main_window_view.cpp).
    PresenterMode* presenter() const { return presenter_; }
    /// `fullScreen` false keeps the window's size (--window-size with --presenter).
    void setPresenterMode(bool on, bool fullScreen = true);
    RunKeys* runKeys() const { return runKeys_; }
    QDockWidget* watchDock() const { return watchDock_; }
    QDockWidget* inspectorDock() const { return inspectorDock_; }
    QDockWidget* paletteDock() const { return paletteDock_; }

    // Templates and the decision tree (main_window_help.cpp).
    /// Opens a template as a new, untitled document (Save asks where); false and
    /// `errors` when it does not load.
    bool newFromTemplate(const QString& path, QStringList* errors = nullptr);
    /// Help > Which one?: the decision tree, shown (not modal); its lesson buttons open
    /// the lesson here.
    WhichOneDialog* showWhichOne();

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void createActions();
    /// A lesson step's actions on the canvas, the speed and the charts.
    void connectLessonSteps();
    // main_window_help.cpp
    void createTemplateMenu(QMenu* file);
    void createHelpMenu();
    // main_window_view.cpp
    void createViewActions(QMenu* view);
    void createRunKeys(QMenu* run);
    void onAppearanceChanged();
    void onPresenterChanged(bool on);
    /// Presenter mode: the watch column as wide as its figures need.
    void fitWatchColumn();
    void newFile();
    void openInteractive();
    void openLesson();
    void openChallenge();
    /// File > Compare with...: the open design as A, a scenario file as B.
    void compareWith();
    /// Opens a file picked in the lesson browser over `folder`.
    void openFromBrowser(const QString& folder, const QString& title);
    bool save();
    bool saveAs();
    /// Asks what to do with unsaved changes; false when the user cancels.
    bool maybeSave();
    void addRecentFile(const QString& path);
    void updateRecentMenu();
    void updateTitle();
    void showFrame(const std::shared_ptr<const run::Frame>& frame);
    void onDocumentChanged();
    /// Gives the engine the document's scenario under a new revision: loaded afresh, or
    /// applied as an edit to the running engine.
    void sendScenario(bool load);
    /// Panels that follow the open scenario rather than its edits (watch list, traces).
    void showScenario();
    /// Shares the right column between the watched figures, their chart and the tabs.
    void placeRightColumn();
    void showEngineError(const std::string& error);
    /// After `path` was opened: offers its autosave if a crash left a newer one.
    void offerRecovery(const QString& path);
    /// The fault dialog, faults panel, message inspector, redrive and Continue, wired to
    /// the canvas, the inspector and the run controls (main_window_faults.cpp).
    void createFaultTools();
    /// Connects the timeline to the run and its keys to the window (main_window_timeline.cpp).
    void createTimeline();
    void saveRecordingInteractive();

    ScenarioDocument* document_;
    Autosave* autosave_;
    RecoveryChoice recoveryChoice_ = RecoveryChoice::ask;
    LiveSession* session_;
    CanvasScene* scene_;
    CanvasView* view_;
    InspectorPanel* inspector_;
    ChartPanel* charts_;
    FailurePanel* failures_;
    LessonPanel* lesson_;
    RunControls* runControls_;
    WatchPanel* watch_;
    LessonChart* lessonChart_;
    TracePanel* traces_;
    QTabWidget* bottomTabs_;
    Exporter* exporter_ = nullptr;
    QSplitter* split_;
    QBoxLayout* watchLayout_;
    bool splitPlaced_ = false;
    QDockWidget* watchDock_;
    QDockWidget* inspectorDock_;
    FaultControls* faultControls_ = nullptr;
    FaultsPanel* faultsPanel_ = nullptr;
    MessageInspector* messageInspector_ = nullptr;
    QDockWidget* messageDock_ = nullptr;
    QDockWidget* paletteDock_;
    QDockWidget* failureDock_;
    PresenterMode* presenter_ = nullptr;
    RunKeys* runKeys_ = nullptr;
    TransportKeys* transportKeys_ = nullptr;
    ChallengePanel* challenge_;
    QDockWidget* challengeDock_;
    LegendPanel* legend_ = nullptr;
    TimelineBar* timeline_ = nullptr;
    QLabel* errorLabel_;
    QString shownError_;
    QMenu* recentMenu_ = nullptr;
    QString lastFrameMessage_;
    bool loading_ = false;
    /// What the engine was last given, and its revision (frames carry it back).
    model::Scenario sentScenario_;
    std::uint64_t sentRevision_ = 0;
};

}  // namespace flowlab::ui
