#include "compare/compare_window.hpp"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include "canvas/auto_layout.hpp"
#include "canvas/canvas_scene.hpp"
#include "canvas/canvas_view.hpp"
#include "compare/compare_charts.hpp"
#include "compare/compare_clock.hpp"
#include "compare/compare_style.hpp"
#include "compare/compare_watch.hpp"
#include "document/scenario_document.hpp"
#include "document/scenario_file.hpp"
#include "export/window_picture.hpp"
#include "flowlab/run/metric_path.hpp"
#include "panels/run_controls.hpp"
#include "panels/transport_keys.hpp"
#include "session/live_session.hpp"
#include "theme/appearance.hpp"
#include "timeline/timeline_bar.hpp"

namespace flowlab::ui {

namespace {

QString nameOf(const model::Scenario& s, const QString& file) {
    if (!s.name.empty()) return QString::fromStdString(s.name);
    return file.isEmpty() ? CompareWindow::tr("(unsaved)") : QFileInfo(file).completeBaseName();
}

/// The first client (in A's order) that B has too, with its index in each.
struct SharedClient {
    std::string id;
    int a = -1, b = -1;
};
SharedClient sharedClient(const model::Scenario& a, const model::Scenario& b) {
    for (size_t i = 0; i < a.nodes.size(); ++i) {
        if (a.nodes[i].kind != model::NodeKind::client) continue;
        for (size_t j = 0; j < b.nodes.size(); ++j)
            if (b.nodes[j].kind == model::NodeKind::client && b.nodes[j].id == a.nodes[i].id)
                return {a.nodes[i].id, int(i), int(j)};
    }
    return {};
}

/// The zoom at which `r` fits into `area`.
double fitZoom(const QRectF& r, const QSizeF& area) {
    if (r.width() <= 0 || r.height() <= 0) return 1.0;
    return std::min(area.width() / r.width(), area.height() / r.height());
}

}  // namespace

CompareWindow::CompareWindow(CompareSetup setup, QWidget* parent)
    : QMainWindow(parent, Qt::Window), setup_(std::move(setup)) {
    setup_.nameA = setup_.nameA.isEmpty() ? nameOf(setup_.a, setup_.fileA) : setup_.nameA;
    setup_.nameB = setup_.nameB.isEmpty() ? nameOf(setup_.b, setup_.fileB) : setup_.nameB;
    if (setup_.title.isEmpty()) setup_.title = tr("%1 vs %2").arg(setup_.nameA, setup_.nameB);
    // Both with A's seed, as `flowlab-cli compare`: the same client sends the same requests.
    setup_.b.seed = setup_.a.seed;
    placeUnpositionedNodes(setup_.a);
    placeUnpositionedNodes(setup_.b);
    const SharedClient shared = sharedClient(setup_.a, setup_.b);
    client_ = shared.id;
    setWindowTitle(tr("Compare: %1 — FlowLab").arg(setup_.title));

    sessionA_ = new LiveSession(this);
    sessionB_ = new LiveSession(this);
    clock_ = new CompareClock(sessionA_, sessionB_, this);
    documentA_ = new ScenarioDocument(this);
    documentB_ = new ScenarioDocument(this);
    documentA_->resetTo(setup_.a, setup_.fileA);
    documentB_->resetTo(setup_.b, setup_.fileB);
    sceneA_ = new CanvasScene(documentA_, this);
    sceneB_ = new CanvasScene(documentB_, this);

    canvases_ = new QSplitter(this);
    canvases_->addWidget(createCanvasPane(0));
    canvases_->addWidget(createCanvasPane(1));
    canvases_->setChildrenCollapsible(false);
    charts_ = new CompareCharts(setup_.nameA, setup_.nameB, this);
    charts_->setClient(shared.a, shared.b, shared.id);
    charts_->setVisible(!client_.empty());
    column_ = new QSplitter(Qt::Vertical, this);
    column_->addWidget(createCanvasArea());
    column_->addWidget(charts_);
    column_->setChildrenCollapsible(false);
    watch_ = new CompareWatch(this);
    watch_->setFigures(client_, setup_.watch);
    watch_->setMinimumWidth(300);

    body_ = new QSplitter(this);
    auto* body = body_;
    body->addWidget(column_);
    body->addWidget(watch_);
    body->setStretchFactor(0, 1);
    body->setChildrenCollapsible(false);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addWidget(createHeader());
    layout->addWidget(body, 1);
    setCentralWidget(central);
    createTransport();

    connect(clock_, &CompareClock::framesUpdated, this, &CompareWindow::showFrames);
    connect(clock_, &CompareClock::playingChanged, runControls_, &RunControls::updateState);
    sessionA_->runner().load(setup_.a);
    sessionB_->runner().load(setup_.b);
    clock_->settle();  // both at time 0, drawn once the window shows
    resize(1280, 720);
    if (client_.empty())
        statusBar()->showMessage(
            tr("The two designs share no client: only the pair's own figures are compared."));
    else
        statusBar()->showMessage(
            tr("The same seed for both: client %1 sends the same requests to A and B. Space plays.")
                .arg(QString::fromStdString(client_)));
}

CompareWindow::~CompareWindow() {
    clock_->disconnect(this);
    sceneA_->disconnect(this);
    sceneB_->disconnect(this);
}

QWidget* CompareWindow::createHeader() {
    auto* header = new QWidget(this);
    auto* layout = new QVBoxLayout(header);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(0);
    auto* title = new QLabel(setup_.title.toHtmlEscaped(), header);
    title->setObjectName(QStringLiteral("compareTitle"));
    title->setStyleSheet(QStringLiteral("font-size: 22px; font-weight: bold;"));
    layout->addWidget(title);
    if (!setup_.explain.isEmpty()) {
        auto* explain = new QLabel(setup_.explain, header);
        explain->setWordWrap(true);
        explain->setStyleSheet(QStringLiteral("font-size: 13px;"));
        layout->addWidget(explain);
    }
    return header;
}

QWidget* CompareWindow::createCanvasPane(int side) {
    const CompareSide s = side == 0 ? CompareSide::a : CompareSide::b;
    CanvasScene* scene = side == 0 ? sceneA_ : sceneB_;
    auto* pane = new QWidget(this);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* title =
        new QLabel(sideTitle(s, side == 0 ? setup_.nameA : setup_.nameB).toHtmlEscaped(), pane);
    title->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: white; font-size: 20px; font-weight: "
                       "bold; padding: 2px 8px; }")
            .arg(sideColor(s).name()));
    title->setToolTip(side == 0 ? setup_.fileA : setup_.fileB);
    // A long name is cut at the pane's edge rather than widening the window.
    title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* view = new CanvasView(scene, pane);
    // A compare shows two designs as they are: editing one would compare something else.
    view->setInteractive(false);
    // Scroll bars would take room from a graph that is fitted anyway (panning still works).
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setStyleSheet(
        QStringLiteral("QGraphicsView { border: 3px solid %1; }").arg(sideColor(s).name()));
    layout->addWidget(title);
    layout->addWidget(view, 1);
    (side == 0 ? titleA_ : titleB_) = title;
    (side == 0 ? viewA_ : viewB_) = view;
    return pane;
}

void CompareWindow::createTransport() {
    runControls_ = new RunControls(sessionA_, this);
    runControls_->setCommands(
        {[this] { clock_->togglePlay(); }, [this] { clock_->step(CompareClock::stepSeconds); },
         [this] { clock_->step(CompareClock::longStepSeconds); }, [this] { clock_->reset(); },
         [this](double speed) { clock_->setSpeed(speed); }, [this] { return clock_->playing(); }});
    QAction* stepShort = runControls_->stepEventAction();
    stepShort->setText(tr("Step 0.1 s"));
    stepShort->setToolTip(tr("Both runs 0.1 s of virtual time further (paused)"));
    QAction* stepLong = runControls_->stepHopAction();
    stepLong->setText(tr("Step 0.5 s"));
    stepLong->setToolTip(tr("Both runs 0.5 s of virtual time further, one chart sample (S)"));
    stepLong->setShortcut(QKeySequence(Qt::Key_S));
    back_ = new QAction(themedIcon(QStyle::SP_MediaSeekBackward, this), tr("Back 5 s"), this);
    back_->setShortcut(QKeySequence(Qt::Key_B));
    back_->setToolTip(tr("Both runs 5 s of virtual time back, replayed exactly (B)"));
    connect(back_, &QAction::triggered, this,
            [this] { clock_->seekBack(CompareClock::backSeconds); });
    runControls_->insertAction(runControls_->actions().value(4), back_);
    addToolBar(runControls_);
    keys_ = new TransportKeys(this);
    for (QAction* action : runControls_->actions())
        if (!action->shortcut().isEmpty()) keys_->add(action);
    keys_->add(back_);
    for (QAction* action : timeline_->keyActions()) keys_->add(action);
}

QWidget* CompareWindow::createCanvasArea() {
    auto* area = new QWidget(this);
    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(canvases_, 1);
    timeline_ = new TimelineBar(area);
    // The pair's fault windows and checkpoints are A's (a shipped pair has the same fault
    // times in both; tests/engine/compare_pairs_test.cpp).
    timeline_->setScenario(setup_.a);
    layout->addWidget(timeline_);
    connect(timeline_, &TimelineBar::seekRequested, clock_, &CompareClock::seekTo);
    for (QAction* action : timeline_->keyActions()) addAction(action);
    return area;
}

void CompareWindow::showFrames() {
    const auto a = sessionA_->frame(), b = sessionB_->frame();
    if (!a || !b) return;
    timeline_->showFrame(*a);
    sceneA_->applyFrame(*a);
    sceneB_->applyFrame(*b);
    charts_->showFrames(*a, *b);
    watch_->showFrames(*a, *b);
    runControls_->updateState();
}

void CompareWindow::runFor(double seconds) {
    clock_->runFor(seconds);
    showFrames();
}

QImage CompareWindow::screenshot() { return settledPicture(this); }

bool CompareWindow::sideBySide() const { return canvases_->orientation() == Qt::Horizontal; }

void CompareWindow::arrangeCanvases() {
    const QSizeF area = canvases_->size();
    if (area.isEmpty()) return;
    const QRectF ra = sceneA_->itemsBoundingRect(), rb = sceneB_->itemsBoundingRect();
    // Judged with each pane in proportion to its graph, as they are then sized below.
    const double wa = ra.width() / std::max(1.0, ra.width() + rb.width());
    const double ha = ra.height() / std::max(1.0, ra.height() + rb.height());
    const double across = std::min(fitZoom(ra, QSizeF(area.width() * wa, area.height())),
                                   fitZoom(rb, QSizeF(area.width() * (1 - wa), area.height())));
    const double stacked = std::min(fitZoom(ra, QSizeF(area.width(), area.height() * ha)),
                                    fitZoom(rb, QSizeF(area.width(), area.height() * (1 - ha))));
    const Qt::Orientation o = across >= stacked ? Qt::Horizontal : Qt::Vertical;
    if (o != canvases_->orientation()) canvases_->setOrientation(o);
    // Each graph gets a share of the length it is laid out along, in proportion to its
    // own extent there: a wide graph beside a narrow one gets the wider pane.
    const bool h = o == Qt::Horizontal;
    const double ea = h ? ra.width() : ra.height(), eb = h ? rb.width() : rb.height();
    const int total = h ? canvases_->width() : canvases_->height();
    const double share = ea + eb > 0 ? std::clamp(ea / (ea + eb), 0.3, 0.7) : 0.5;
    const int first = int(total * share);
    canvases_->setSizes({first, total - first});
    viewA_->fitAll();
    viewB_->fitAll();
}

void CompareWindow::resizeEvent(QResizeEvent* event) {
    QMainWindow::resizeEvent(event);
    if (placed_) placePanes();
}

void CompareWindow::placePanes() {
    // The watch column as wide as its figures need, the canvases and charts the rest.
    const int watchWidth = std::max(watch_->minimumWidth(), watch_->neededWidth());
    body_->setSizes({std::max(1, body_->width() - watchWidth), watchWidth});
    // The charts keep about a third of the height, the canvases the rest.
    const int h = column_->height();
    const int chartHeight =
        charts_->isVisible() ? std::max(charts_->minimumHeight(), h * 34 / 100) : 0;
    column_->setSizes({h - chartHeight, chartHeight});
    arrangeCanvases();
}

void CompareWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (placed_) return;
    placed_ = true;
    QApplication::processEvents();
    placePanes();
    showFrames();
}

CompareWindow* CompareWindow::fromFiles(const QString& fileA, const QString& fileB,
                                        QStringList* errors, QWidget* parent) {
    ScenarioLoad a = loadScenarioFile(fileA), b = loadScenarioFile(fileB);
    if (!a.scenario || !b.scenario) {
        if (errors) *errors = a.errors + b.errors;
        return nullptr;
    }
    CompareSetup setup;
    setup.a = std::move(*a.scenario);
    setup.b = std::move(*b.scenario);
    setup.fileA = QFileInfo(fileA).absoluteFilePath();
    setup.fileB = QFileInfo(fileB).absoluteFilePath();
    return new CompareWindow(std::move(setup), parent);
}

CompareWindow* CompareWindow::fromPair(const QString& pairFile, QStringList* errors,
                                       QWidget* parent) {
    model::ComparePairResult loaded =
        model::load_compare_pair(pairFile.toStdString(), run::check_metric_paths);
    if (!loaded.pair) {
        if (errors)
            for (const auto& d : loaded.errors) *errors << QString::fromStdString(d.to_string());
        return nullptr;
    }
    model::ComparePair& pair = *loaded.pair;
    CompareSetup setup;
    setup.a = std::move(pair.a);
    setup.b = std::move(pair.b);
    setup.fileA = QString::fromStdString(pair.a_file);
    setup.fileB = QString::fromStdString(pair.b_file);
    setup.title = QString::fromStdString(pair.title);
    setup.explain = QString::fromStdString(pair.explain);
    setup.watch = std::move(pair.watch);
    return new CompareWindow(std::move(setup), parent);
}

CompareWindow* CompareWindow::open(CompareSetup setup, QWidget* parent) {
    auto* window = new CompareWindow(std::move(setup), parent);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    return window;
}

}  // namespace flowlab::ui
