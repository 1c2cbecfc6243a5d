#pragma once
/// The FlowLab window: palette and lesson on the left, canvas above charts and traces in
/// the middle, the watched figures and their chart on the right above the inspector and
/// failure reasons, run controls on top.

#include <QMainWindow>
#include <memory>

#include "flowlab/run/frame.hpp"

class QDockWidget;
class QLabel;
class QMenu;
class QSplitter;
class QTabWidget;

namespace flowlab::ui {

class CanvasScene;
class CanvasView;
class ChallengePanel;
class ChartPanel;
class FailurePanel;
class InspectorPanel;
class LessonChart;
class LessonPanel;
class LiveSession;
class RunControls;
class ScenarioDocument;
class TracePanel;
class WatchPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Loads a file; on any problem nothing changes and `errors` gets every diagnostic.
    bool openFile(const QString& path, QStringList* errors = nullptr);
    /// Saves atomically to `path`; returns "" or the error message.
    QString saveTo(const QString& path);
    /// Runs `seconds` of virtual time as fast as possible, waits for it, and redraws
    /// everything from the final frame (for --run-for and tests).
    void runFor(double seconds);
    /// The window as a picture (canvas, charts and panels).
    QImage screenshot();

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
    ChallengePanel* challenge() const { return challenge_; }
    /// Charts and traces share the space under the canvas.
    QTabWidget* bottomTabs() const { return bottomTabs_; }
    /// The engine failure shown in the status bar ("" when the engine is fine).
    QString engineError() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void createActions();
    void newFile();
    void openInteractive();
    void openLesson();
    void openChallenge();
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

    ScenarioDocument* document_;
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
    QSplitter* split_;
    bool splitPlaced_ = false;
    QDockWidget* watchDock_;
    QDockWidget* inspectorDock_;
    ChallengePanel* challenge_;
    QDockWidget* challengeDock_;
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
