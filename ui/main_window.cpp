#include "main_window.hpp"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "canvas/auto_layout.hpp"
#include "canvas/canvas_scene.hpp"
#include "canvas/canvas_view.hpp"
#include "canvas/node_palette.hpp"
#include "compare/compare_window.hpp"
#include "document/autosave.hpp"
#include "document/scenario_document.hpp"
#include "document/scenario_file.hpp"
#include "export/exporter.hpp"
#include "export/window_picture.hpp"
#include "panels/challenge_panel.hpp"
#include "panels/chart_panel.hpp"
#include "panels/failure_panel.hpp"
#include "panels/fault_controls.hpp"
#include "panels/faults_panel.hpp"
#include "panels/inspector_panel.hpp"
#include "panels/legend_panel.hpp"
#include "panels/lesson_browser.hpp"
#include "panels/lesson_chart.hpp"
#include "panels/lesson_panel.hpp"
#include "panels/lesson_steps_panel.hpp"
#include "panels/message_inspector.hpp"
#include "panels/run_controls.hpp"
#include "panels/trace_panel.hpp"
#include "panels/transport_keys.hpp"
#include "panels/watch_panel.hpp"
#include "session/live_session.hpp"
#include "timeline/timeline_bar.hpp"

namespace flowlab::ui {

namespace {

constexpr int maxRecentFiles = 8;
const char* recentFilesKey = "recentFiles";

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    document_ = new ScenarioDocument(this);
    session_ = new LiveSession(this);
    scene_ = new CanvasScene(document_, this);
    view_ = new CanvasView(scene_, this);
    charts_ = new ChartPanel(document_, this);

    auto* canvasArea = new QWidget(this);
    auto* canvasLayout = new QVBoxLayout(canvasArea);
    canvasLayout->setContentsMargins(0, 0, 0, 0);
    canvasLayout->setSpacing(0);
    canvasLayout->addWidget(view_);
    timeline_ = new TimelineBar(canvasArea);
    canvasLayout->addWidget(timeline_);
    legend_ = new LegendPanel(canvasArea);
    canvasLayout->addWidget(legend_);
    // Charts and the trace view share the space under the canvas: each needs the full
    // width, and a lesson is about one or the other (the tracing lessons open on traces).
    traces_ = new TracePanel(document_, this);
    bottomTabs_ = new QTabWidget(this);
    bottomTabs_->setDocumentMode(true);
    bottomTabs_->addTab(charts_, tr("Charts"));
    bottomTabs_->addTab(traces_, tr("Traces"));
    split_ = new QSplitter(Qt::Vertical, this);
    split_->addWidget(canvasArea);
    split_->addWidget(bottomTabs_);
    setCentralWidget(split_);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(2, 2, 2, 2);
    leftLayout->addWidget(new NodePalette(left));
    lesson_ = new LessonPanel(session_, left);
    leftLayout->addWidget(lesson_, 1);
    paletteDock_ = new QDockWidget(tr("Palette and lesson"), this);
    paletteDock_->setObjectName(QStringLiteral("paletteDock"));
    paletteDock_->setWidget(left);
    addDockWidget(Qt::LeftDockWidgetArea, paletteDock_);

    // The right column: the lesson's figures on top, the chart of the one last clicked
    // under them; the inspector and the failure reasons, which are looked up rather than
    // watched, share the space below as tabs. On a 1280x720 projector this keeps the
    // canvas and the four run charts at a readable size: the lesson chart as a third
    // chart column left each chart ~235 px wide, too narrow for its axis labels.
    watch_ = new WatchPanel(this);
    lessonChart_ = new LessonChart(this);
    // The entries take the height they need (scrolling only when the column is short),
    // the chart the rest.
    auto* watchColumn = new QWidget(this);
    watchLayout_ = new QVBoxLayout(watchColumn);
    watchLayout_->setContentsMargins(0, 0, 0, 0);
    watchLayout_->setSpacing(4);
    watchLayout_->addWidget(watch_);
    watchLayout_->addWidget(lessonChart_, 1);
    watch_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    watchDock_ = new QDockWidget(tr("Watch"), this);
    watchDock_->setObjectName(QStringLiteral("watchDock"));
    watchDock_->setWidget(watchColumn);
    addDockWidget(Qt::RightDockWidgetArea, watchDock_);
    // A challenge's goals take the watch's place (challenges watch no figures of a lesson).
    challenge_ = new ChallengePanel(document_, this);
    challengeDock_ = new QDockWidget(tr("Challenge"), this);
    challengeDock_->setObjectName(QStringLiteral("challengeDock"));
    challengeDock_->setWidget(challenge_);
    tabifyDockWidget(watchDock_, challengeDock_);
    inspector_ = new InspectorPanel(document_, this);
    inspectorDock_ = new QDockWidget(tr("Inspector"), this);
    inspectorDock_->setObjectName(QStringLiteral("inspectorDock"));
    inspectorDock_->setWidget(inspector_);
    addDockWidget(Qt::RightDockWidgetArea, inspectorDock_);
    failures_ = new FailurePanel(document_, this);
    failureDock_ = new QDockWidget(tr("Why requests failed"), this);
    failureDock_->setObjectName(QStringLiteral("failureDock"));
    failureDock_->setWidget(failures_);
    tabifyDockWidget(inspectorDock_, failureDock_);
    inspectorDock_->raise();
    setTabPosition(Qt::RightDockWidgetArea, QTabWidget::North);  // tab titles read first

    runControls_ = new RunControls(session_, this);
    addToolBar(Qt::TopToolBarArea, runControls_);
    createFaultTools();
    createActions();
    createTimeline();
    connectLessonSteps();

    connect(scene_, &CanvasScene::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(scene_, &CanvasScene::inspectTarget, this, [this](const QString& id, int edge) {
        inspector_->setTarget(id, edge);
        charts_->setSelectedNode(id);
        if (auto frame = session_->frame()) charts_->showFrame(*frame, true);
        const int index = document_->nodeIndex(id);
        if (index >= 0 &&
            document_->scenario().nodes[size_t(index)].kind == model::NodeKind::client)
            traces_->selectLatestTraceOf(index);
    });
    connect(watch_, &WatchPanel::entryClicked, this, [this](int index, const QString& nodeId) {
        lessonChart_->setFocus(index);
        if (auto frame = session_->frame()) lessonChart_->showFrame(*frame, true);
        if (!nodeId.isEmpty()) scene_->highlightNode(nodeId);
    });
    connect(document_, &ScenarioDocument::changed, this, &MainWindow::onDocumentChanged);
    connect(document_->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(document_, &ScenarioDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(session_, &LiveSession::frameUpdated, this, &MainWindow::showFrame);

    autosave_ = new Autosave(document_, this);
    connect(autosave_, &Autosave::failed, this, [this](const QString& error) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(error), 10000);
    });

    // An engine failure stays on screen until the next run starts (the message box that
    // announces it can be closed; this cannot be missed).
    errorLabel_ = new QLabel(this);
    errorLabel_->setStyleSheet(QStringLiteral(
        "QLabel { color: white; background: #c62828; font-weight: bold; padding: 1px 8px; }"));
    errorLabel_->hide();
    statusBar()->addPermanentWidget(errorLabel_);

    resize(1400, 900);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("windowGeometry")).toByteArray());
    sendScenario(true);
    showScenario();
    updateTitle();
    statusBar()->showMessage(
        tr("Drag a node kind from the palette onto the canvas, or open a lesson (Ctrl+L)."));
}

MainWindow::~MainWindow() {
    // Children die in creation order; nothing they emit on the way out concerns us.
    scene_->disconnect(this);
    document_->disconnect(this);
    session_->disconnect(this);
}

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newFile);
    createTemplateMenu(file);
    file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::openInteractive);
    file->addAction(tr("Open &Lesson..."), QKeySequence(tr("Ctrl+L")), this,
                    &MainWindow::openLesson);
    file->addAction(tr("Open &Challenge..."), this, &MainWindow::openChallenge);
    file->addAction(tr("Co&mpare with..."), this, &MainWindow::compareWith);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    // QKeySequence::SaveAs is empty on some platforms (Windows, bare X11): Ctrl+Shift+S,
    // the shortcut every desktop documents, is always there.
    QAction* saveAsAction = file->addAction(tr("Save &As..."), this, &MainWindow::saveAs);
    saveAsAction->setShortcuts(withKey(QKeySequence::SaveAs, QKeySequence(tr("Ctrl+Shift+S"))));
    file->addAction(tr("Save Run with &Recording As..."), this,
                    &MainWindow::saveRecordingInteractive);
    file->addSeparator();
    exporter_ = new Exporter(this);
    file->addMenu(exporter_->createMenu(file));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    updateRecentMenu();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = document_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = document_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Delete"), QKeySequence::Delete, scene_, &CanvasScene::deleteSelection);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    createViewActions(view);
    view->addAction(tr("&Tidy layout"), QKeySequence(tr("Ctrl+Shift+L")), this, [this] {
        if (scene_->tidyLayout()) view_->fitAll();
    });

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    for (QAction* action : runControls_->actions())
        if (!action->text().isEmpty()) run->addAction(action);
    run->addSeparator();
    run->addAction(tr("&Continue past the end…"), QKeySequence(tr("Ctrl+E")), faultControls_,
                   &FaultControls::askContinue);
    createRunKeys(run);
    createHelpMenu();
}

bool MainWindow::openFile(const QString& path, QStringList* errors) {
    ScenarioLoad load = loadScenarioFile(path);
    if (!load.scenario) {
        if (errors) *errors = load.errors;
        return false;
    }
    // A file without positions opens laid out by call depth (canvas/auto_layout.hpp).
    QString layoutError;
    placeUnpositionedNodes(*load.scenario, &layoutError);
    autosave_->discard();  // the document it belonged to is being replaced
    loading_ = true;
    document_->resetTo(*load.scenario, QFileInfo(path).absoluteFilePath());
    offerRecovery(QFileInfo(path).absoluteFilePath());  // part of loading: sent below
    loading_ = false;
    sendScenario(true);
    scene_->clearRunState();
    showScenario();
    view_->fitAll();
    addRecentFile(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Opened %1. Press Space to run.").arg(QFileInfo(path).fileName()),
                             8000);
    if (!layoutError.isEmpty())
        statusBar()->showMessage(tr("Opened %1, without automatic layout: %2")
                                     .arg(QFileInfo(path).fileName(), layoutError));
    return true;
}

QString MainWindow::saveTo(const QString& path) {
    const QString error = saveScenarioFile(document_->scenario(), path);
    if (!error.isEmpty()) return error;
    document_->markSaved(QFileInfo(path).absoluteFilePath());
    autosave_->discard();
    addRecentFile(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return {};
}

void MainWindow::runFor(double seconds) {
    session_->runner().run_for(seconds);
    session_->runner().sync();
    session_->refresh();  // every panel draws this frame (charts throttle: forced below)
    if (auto frame = session_->frame()) {
        charts_->showFrame(*frame, true);
        lessonChart_->showFrame(*frame, true);
    }
}

QString MainWindow::engineError() const { return shownError_; }

void MainWindow::setRemembersLessonProgress(bool on) { lesson_->steps()->setRemembersProgress(on); }

void MainWindow::connectLessonSteps() {
    LessonStepsPanel* steps = lesson_->steps();
    connect(steps, &LessonStepsPanel::highlightRequested, scene_, &CanvasScene::setLessonHighlight);
    connect(steps, &LessonStepsPanel::speedRequested, runControls_, &RunControls::setSpeed);
    connect(steps, &LessonStepsPanel::faultRequested, this,
            [this](const model::Fault& fault, bool on) { faultControls_->setFault(fault, on); });
    connect(steps, &LessonStepsPanel::chartRequested, this, [this](const QString& id) {
        charts_->setSelectedNode(id);
        bottomTabs_->setCurrentWidget(charts_);
        if (auto frame = session_->frame()) charts_->showFrame(*frame, true);
    });
}

void MainWindow::offerRecovery(const QString& path) {
    if (recoveryChoice_ == RecoveryChoice::leave) return;
    const QString autosaved = Autosave::recoverableFor(path);
    if (autosaved.isEmpty()) return;
    ScenarioLoad recovered = loadScenarioFile(autosaved);
    bool accept = recoveryChoice_ == RecoveryChoice::accept;
    if (recovered.scenario && recoveryChoice_ == RecoveryChoice::ask) {
        const auto answer = QMessageBox::question(
            this, tr("Recover unsaved changes?"),
            tr("FlowLab closed without saving %1. An autosave from %2 holds changes made "
               "after the file was last saved. Recover them?")
                .arg(QFileInfo(path).fileName(),
                     QFileInfo(autosaved).lastModified().toString(Qt::TextDate)),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        accept = answer == QMessageBox::Yes;
    }
    if (accept && recovered.scenario) {
        // One undoable step over the file's content: the document shows as modified, and
        // saving it is the user's decision.
        document_->replaceAll(*recovered.scenario, tr("Recover autosave"));
        statusBar()->showMessage(tr("Recovered unsaved changes from the autosave."), 8000);
        return;
    }
    QFile::remove(autosaved);  // declined (or unreadable): the file on disk is the document
}

void MainWindow::showScenario() {
    const model::Scenario& scenario = document_->scenario();
    lesson_->showScenario(scenario, document_->filePath());
    watch_->setScenario(scenario);
    lessonChart_->setScenario(scenario);
    traces_->followLatest();
    // A lesson that watches trace figures is about the trace view; the rest about charts.
    bool aboutTraces = false;
    if (scenario.lesson)
        for (const auto& w : scenario.lesson->watch)
            aboutTraces |= w.metric.rfind("traces.", 0) == 0;
    bottomTabs_->setCurrentWidget(aboutTraces ? static_cast<QWidget*>(traces_) : charts_);
    challenge_->setChallenge(scenario);
    timeline_->setScenario(scenario);
    challengeDock_->setVisible(challenge_->hasChallenge());
    if (challenge_->hasChallenge()) challengeDock_->raise();
    placeRightColumn();
}

void MainWindow::placeRightColumn() {
    // The figures first, whole (each entry is the point of the lesson), up to 60 % of the
    // column; their chart next, at least 180 px so that it shows a trend; the inspector
    // and failure tabs get the rest, since a class watching a run edits least.
    resizeDocks({watchDock_}, {watch_->sizeHint().width()}, Qt::Horizontal);
    const int column = std::max(300, centralWidget()->height());
    const int entries = std::min(watch_->sizeHint().height(), column * 3 / 5);
    const int chart = lessonChart_->hasFigures() ? std::max(180, column / 3) : 0;
    const int dockTitles = 60;  // the watch dock's title, the tab bar and the inspector's title
    // A challenge's brief, goals and verdict need the room the figures would have had.
    const int wanted =
        challenge_->hasChallenge() ? std::max(entries + chart, column * 3 / 5) : entries + chart;
    const int watchDockHeight = std::min(wanted + 30, column - dockTitles - 100);
    // The chart would take the entries' height otherwise (its size hint is larger).
    watch_->setMinimumHeight(
        std::max(0, std::min(entries, watchDockHeight - 30 - (chart ? 150 : 0))));
    resizeDocks({watchDock_, inspectorDock_}, {watchDockHeight, column - watchDockHeight},
                Qt::Vertical);
}

void MainWindow::showEngineError(const std::string& error) {
    if (error.empty()) {
        errorLabel_->hide();
        shownError_.clear();
        return;
    }
    const QString text = QString::fromStdString(error);
    errorLabel_->setText(text);
    errorLabel_->show();
    if (text == shownError_) return;  // one box per failure, not one per frame
    shownError_ = text;
    // Not modal: the window, the run controls and every panel stay usable (and a test or
    // a --screenshot run is never stuck waiting for a click).
    auto* box = new QMessageBox(QMessageBox::Critical, tr("The engine stopped"), text,
                                QMessageBox::Ok, this);
    box->setInformativeText(
        tr("The run is paused. Reset or open the scenario again to start over."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QImage MainWindow::screenshot() { return settledPicture(this); }

void MainWindow::newFile() {
    if (!maybeSave()) return;
    autosave_->discard();
    loading_ = true;
    document_->resetTo(emptyScenario(), QString());
    loading_ = false;
    sendScenario(true);
    scene_->clearRunState();
    showScenario();
}

void MainWindow::openInteractive() {
    if (!maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open scenario"), QString(), tr("FlowLab scenarios (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    QStringList errors;
    if (openFile(path, &errors)) return;
    QMessageBox box(QMessageBox::Warning, tr("Cannot open scenario"),
                    tr("%1 has %n problem(s); nothing was loaded.", nullptr, int(errors.size()))
                        .arg(QFileInfo(path).fileName()),
                    QMessageBox::Ok, this);
    box.setDetailedText(errors.join(QLatin1Char('\n')));
    box.setInformativeText(errors.mid(0, 5).join(QLatin1Char('\n')));
    box.exec();
}

void MainWindow::openLesson() { openFromBrowser(scenariosFolder(), tr("Lessons")); }

void MainWindow::openChallenge() {
    openFromBrowser(scenariosFolder() + QStringLiteral("/challenges"), tr("Challenges"));
}

void MainWindow::openFromBrowser(const QString& folder, const QString& title) {
    if (!maybeSave()) return;
    LessonBrowser browser(folder, this);
    browser.setWindowTitle(title);
    if (browser.exec() != QDialog::Accepted || browser.selectedPath().isEmpty()) return;
    QStringList errors;
    if (browser.selectedIsPair()) {
        if (auto* window = CompareWindow::fromPair(browser.selectedPath(), &errors, this)) {
            window->setAttribute(Qt::WA_DeleteOnClose);
            window->show();
        } else {
            QMessageBox::warning(this, tr("Cannot open the compare pair"),
                                 errors.join(QLatin1Char('\n')));
        }
        return;
    }
    if (!openFile(browser.selectedPath(), &errors))
        QMessageBox::warning(this, tr("Cannot open %1").arg(title), errors.join(QLatin1Char('\n')));
}

void MainWindow::compareWith() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Compare with (B)"), QFileInfo(document_->filePath()).absolutePath(),
        tr("FlowLab scenarios (*.json)"));
    if (path.isEmpty()) return;
    ScenarioLoad b = loadScenarioFile(path);
    if (!b.scenario) {
        QMessageBox::warning(this, tr("Cannot open %1").arg(QFileInfo(path).fileName()),
                             b.errors.join(QLatin1Char('\n')));
        return;
    }
    // The design as it stands in the window, edits included, is A.
    CompareSetup setup;
    setup.a = document_->scenario();
    setup.fileA = document_->filePath();
    setup.b = std::move(*b.scenario);
    setup.fileB = QFileInfo(path).absoluteFilePath();
    CompareWindow::open(std::move(setup), this);
}

bool MainWindow::save() {
    if (document_->filePath().isEmpty()) return saveAs();
    const QString error = saveTo(document_->filePath());
    if (error.isEmpty()) return true;
    QMessageBox::warning(this, tr("Save failed"), error);
    return false;
}

bool MainWindow::saveAs() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save scenario"), document_->filePath(), tr("FlowLab scenarios (*.json)"));
    if (path.isEmpty()) return false;
    const QString error = saveTo(withJsonSuffix(path));
    if (error.isEmpty()) return true;
    QMessageBox::warning(this, tr("Save failed"), error);
    return false;
}

bool MainWindow::maybeSave() {
    if (!document_->isModified()) return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("The scenario has unsaved changes. Save them first?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (splitPlaced_) return;
    splitPlaced_ = true;
    // 47.5 % to the graph itself, once the window has its size (the user's drags are kept
    // after that), plus what the timeline and the legend under it need: at 1280x720 that
    // fits the widest lessons (08, 21) whole at about 0.5, and leaves the charts one row
    // whose plots stay 100 px tall, enough to show a trend.
    const int canvas = split_->height() * 95 / 200 + timeline_->sizeHint().height() +
                       legend_->heightForWidth(split_->width());
    split_->setSizes({canvas, split_->height() - canvas});
    placeRightColumn();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) return event->ignore();
    autosave_->discard();  // saved, or the user chose to discard the changes
    QSettings().setValue(QStringLiteral("windowGeometry"), saveGeometry());
    event->accept();
}

void MainWindow::addRecentFile(const QString& path) {
    QSettings settings;
    QStringList files = settings.value(recentFilesKey).toStringList();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > maxRecentFiles) files.removeLast();
    settings.setValue(recentFilesKey, files);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    if (!recentMenu_) return;
    recentMenu_->clear();
    const QStringList files = QSettings().value(recentFilesKey).toStringList();
    for (const QString& path : files) {
        recentMenu_
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (!maybeSave()) return;
                            QStringList errors;
                            if (!openFile(path, &errors))
                                QMessageBox::warning(this, tr("Cannot open scenario"),
                                                     errors.join(QLatin1Char('\n')));
                        })
            ->setToolTip(path);
    }
    recentMenu_->setEnabled(!files.isEmpty());
}

void MainWindow::updateTitle() {
    const QString name = QString::fromStdString(document_->scenario().name);
    const QString file = document_->filePath().isEmpty()
                             ? tr("unsaved")
                             : QFileInfo(document_->filePath()).fileName();
    setWindowTitle(tr("%1 (%2)[*] — FlowLab").arg(name.isEmpty() ? tr("Untitled") : name, file));
    setWindowModified(document_->isModified());
}

namespace {
/// Equal but for where the nodes stand on the canvas.
bool sameButLayout(model::Scenario a, model::Scenario b) {
    a.layout.clear();
    b.layout.clear();
    return a == b;
}
}  // namespace

void MainWindow::sendScenario(bool load) {
    sentScenario_ = document_->scenario();
    ++sentRevision_;
    if (load)
        session_->runner().load(sentScenario_, sentRevision_);
    else
        session_->runner().apply_edit(sentScenario_, sentRevision_);
}

void MainWindow::onDocumentChanged() {
    updateTitle();
    // Loading resets the runner itself; every other edit goes to the running engine,
    // except a move on the canvas: the engine does not know where nodes stand, and a drag
    // would otherwise rebuild its view of the scenario on every mouse move.
    if (loading_ || sameButLayout(document_->scenario(), sentScenario_)) return;
    sendScenario(false);
}

void MainWindow::showFrame(const std::shared_ptr<const run::Frame>& frame) {
    if (!frame) return;
    // A frame of an older revision describes a scenario the document no longer has (an
    // edit is on its way to the engine): drawing it could pair figures with wrong nodes.
    // An engine failure is shown whatever it belongs to.
    if (frame->revision != sentRevision_) {
        if (!frame->error.empty()) showEngineError(frame->error);
        return;
    }
    showEngineError(frame->error);
    scene_->applyFrame(*frame);
    charts_->showFrame(*frame);
    failures_->showFrame(*frame);
    watch_->showFrame(*frame);
    lessonChart_->showFrame(*frame);
    traces_->showFrame(*frame);
    faultsPanel_->showFrame(*frame);
    messageInspector_->showFrame(*frame);
    challenge_->showFrame(*frame);
    timeline_->showFrame(*frame);
    if (frame->message != lastFrameMessage_.toStdString()) {
        lastFrameMessage_ = QString::fromStdString(frame->message);
        if (!lastFrameMessage_.isEmpty()) statusBar()->showMessage(lastFrameMessage_, 8000);
    }
}

}  // namespace flowlab::ui
