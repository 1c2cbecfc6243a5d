#pragma once
/// The FlowLab window: palette and lesson on the left, canvas and charts in the middle,
/// inspector and failure reasons on the right, run controls on top.

#include <QMainWindow>
#include <memory>

#include "flowlab/run/frame.hpp"

class QMenu;
class QSplitter;

namespace flowlab::ui {

class CanvasScene;
class CanvasView;
class ChartPanel;
class FailurePanel;
class InspectorPanel;
class LessonPanel;
class LiveSession;
class RunControls;
class ScenarioDocument;

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

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void createActions();
    void newFile();
    void openInteractive();
    void openLesson();
    bool save();
    bool saveAs();
    /// Asks what to do with unsaved changes; false when the user cancels.
    bool maybeSave();
    void addRecentFile(const QString& path);
    void updateRecentMenu();
    void updateTitle();
    void showFrame(const std::shared_ptr<const run::Frame>& frame);
    void onDocumentChanged();

    ScenarioDocument* document_;
    LiveSession* session_;
    CanvasScene* scene_;
    CanvasView* view_;
    InspectorPanel* inspector_;
    ChartPanel* charts_;
    FailurePanel* failures_;
    LessonPanel* lesson_;
    RunControls* runControls_;
    QSplitter* split_;
    bool splitPlaced_ = false;
    QMenu* recentMenu_ = nullptr;
    QString lastFrameMessage_;
    bool loading_ = false;
};

}  // namespace flowlab::ui
