// MainWindow's View menu and run keys: presenter mode, themes, text zoom, fitting, and
// the keyboard actions a presenter drives a run with. Kept apart from main_window.cpp,
// which builds the window and handles files.

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QGraphicsItem>
#include <QMenu>
#include <QScrollBar>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>

#include <algorithm>

#include "canvas/canvas_scene.hpp"
#include "canvas/canvas_view.hpp"
#include "main_window.hpp"
#include "panels/fault_controls.hpp"
#include "panels/legend_panel.hpp"
#include "panels/lesson_chart.hpp"
#include "panels/lesson_panel.hpp"
#include "panels/lesson_steps_panel.hpp"
#include "panels/presenter_mode.hpp"
#include "panels/run_controls.hpp"
#include "panels/run_keys.hpp"
#include "panels/trace_panel.hpp"
#include "panels/transport_keys.hpp"
#include "panels/watch_panel.hpp"
#include "session/live_session.hpp"
#include "theme/appearance.hpp"
#include "timeline/timeline_bar.hpp"

namespace flowlab::ui {

void MainWindow::createViewActions(QMenu* view) {
    PresenterMode::Parts parts;
    parts.view = view_;
    parts.bottomTabs = bottomTabs_;
    parts.traces = traces_;
    parts.watch = watchDock_;
    parts.hidden = {paletteDock_, inspectorDock_, failureDock_, messageDock_};
    parts.toolbar = runControls_;
    parts.lessonChart = lessonChart_;
    parts.chartHome = watchLayout_;
    parts.split = split_;
    parts.figures = watch_;
    parts.legend = legend_;
    parts.timeline = timeline_;
    presenter_ = new PresenterMode(this, parts);
    connect(presenter_, &PresenterMode::activeChanged, this, &MainWindow::onPresenterChanged);
    connect(watch_, &WatchPanel::neededWidthChanged, this, [this] {
        if (presenter_->active()) fitWatchColumn();
    });
    connect(session_, &LiveSession::frameUpdated, presenter_,
            [this](const std::shared_ptr<const run::Frame>& frame) {
                if (frame && presenter_->active()) presenter_->clock()->showFrame(*frame);
            });

    QAction* present = view->addAction(tr("&Presenter mode"));
    present->setCheckable(true);
    present->setShortcut(Qt::Key_F11);
    present->setToolTip(tr("Full screen, large type, only what the lesson needs (F11)"));
    present->setIcon(themedIcon(QStyle::SP_TitleBarMaxButton, this));
    connect(&Appearance::instance(), &Appearance::changed, present,
            [this, present] { present->setIcon(themedIcon(QStyle::SP_TitleBarMaxButton, this)); });
    connect(present, &QAction::triggered, this, [this](bool on) { setPresenterMode(on); });
    connect(presenter_, &PresenterMode::activeChanged, present, &QAction::setChecked);
    addAction(present);  // F11 works with the menu bar hidden
    runControls_->addSeparator();
    runControls_->addAction(present);
    // Escape leaves presenter mode (and does nothing otherwise).
    auto* leave = new QAction(tr("Leave presenter mode"), this);
    leave->setShortcut(Qt::Key_Escape);
    connect(leave, &QAction::triggered, this, [this] { setPresenterMode(false); });
    addAction(leave);

    QMenu* themes = view->addMenu(tr("&Theme"));
    auto* group = new QActionGroup(this);
    const std::pair<ThemeKind, QString> kinds[] = {{ThemeKind::light, tr("&Light")},
                                                   {ThemeKind::dark, tr("&Dark")},
                                                   {ThemeKind::highContrast, tr("&High contrast")}};
    for (const auto& [kind, name] : kinds) {
        QAction* action = themes->addAction(name);
        action->setCheckable(true);
        action->setData(themeName(kind));
        action->setChecked(Appearance::instance().theme() == kind);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [kind] {
            Appearance::instance().setTheme(kind);
            Appearance::instance().save();
        });
    }
    connect(&Appearance::instance(), &Appearance::changed, group, [group] {
        for (QAction* action : group->actions())
            action->setChecked(action->data().toString() ==
                               themeName(Appearance::instance().theme()));
    });

    view->addSeparator();
    QAction* bigger = view->addAction(tr("&Larger text"));
    // Ctrl+= is where Ctrl++ is on most keyboards, unshifted.
    bigger->setShortcuts(withKey(QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))));
    connect(bigger, &QAction::triggered, this, [] {
        Appearance::instance().zoomTextIn();
        Appearance::instance().save();
    });
    QAction* smaller = view->addAction(tr("&Smaller text"));
    smaller->setShortcuts(withKey(QKeySequence::ZoomOut, QKeySequence(tr("Ctrl+-"))));
    connect(smaller, &QAction::triggered, this, [] {
        Appearance::instance().zoomTextOut();
        Appearance::instance().save();
    });
    QAction* normal = view->addAction(tr("&Normal text size"));
    normal->setShortcut(QKeySequence(tr("Ctrl+0")));
    connect(normal, &QAction::triggered, this, [] {
        Appearance::instance().setTextZoom(1.0);
        Appearance::instance().save();
    });
    view->addSeparator();
    QAction* fit = view->addAction(tr("&Fit to window"), view_, &CanvasView::fitAll);
    fit->setShortcut(QKeySequence(tr("Ctrl+Shift+F")));
    for (QAction* action : {bigger, smaller, normal, fit}) addAction(action);
    connect(&Appearance::instance(), &Appearance::changed, this, &MainWindow::onAppearanceChanged);
}

void MainWindow::createRunKeys(QMenu* run) {
    runKeys_ = new RunKeys(session_, runControls_, document_, this);
    connect(runKeys_, &RunKeys::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(runKeys_, &RunKeys::nextLessonStepRequested, this, [this] {
        const LessonStepsPanel* steps = lesson_->steps();
        if (steps->stepCount() == 0)
            statusBar()->showMessage(tr("This lesson has no steps to go through."), 5000);
        else if (!lesson_->nextStep())
            statusBar()->showMessage(
                tr("Not yet: this step waits for its checkpoint or answer, or it is the last."),
                5000);
    });
    connect(runKeys_, &RunKeys::faultRequested, this,
            [this](const model::Fault& fault, bool on) { faultControls_->setFault(fault, on); });
    run->addSeparator();
    transportKeys_ = new TransportKeys(this);
    transportKeys_->add(runControls_->playAction());
    for (QAction* action : runKeys_->all()) {
        run->addAction(action);
        addAction(action);  // the keys work with the menu bar hidden (presenter mode)
        transportKeys_->add(action);
    }
    addAction(runControls_->playAction());
}

void MainWindow::setPresenterMode(bool on, bool fullScreen) {
    presenter_->setActive(on, fullScreen);
}

void MainWindow::onPresenterChanged(bool on) {
    runKeys_->setPresenterKeys(on);
    if (on) {
        if (auto frame = session_->frame()) presenter_->clock()->showFrame(*frame);
        if (presenter_->chartBeside()) {
            // A tall graph has the canvas's full height; the chart shares the column,
            // under the figures, which keep the height they need.
            watch_->setMinimumHeight(std::min(watch_->sizeHint().height(), height() / 2));
        } else {
            // The figures have the column to themselves (their chart is under the canvas).
            watch_->setMinimumHeight(0);
            watch_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
        }
        fitWatchColumn();
    } else {
        watch_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
        watch_->setMinimumWidth(WatchPanel::minimumColumnWidth);
        placeRightColumn();
    }
    statusBar()->showMessage(
        on ? tr("Presenter mode: Space play/pause, S step, B back %1 s, +/- speed, N next step, "
                "F the lesson's fault, F11 or Esc to leave.")
                 .arg(RunKeys::backSeconds)
           : QString(),
        on ? 10000 : 1);
}

void MainWindow::fitWatchColumn() {
    // As wide as the figures need, each whole (a number does not wrap), up to 40 % of the
    // screen: the canvas keeps the rest. Their new fonts reach the layout through posted
    // events: settle those first.
    QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const int column =
        std::clamp(watch_->neededWidth(), WatchPanel::minimumColumnWidth, width() * 2 / 5);
    watch_->setMinimumWidth(column);
    resizeDocks({watchDock_}, {column}, Qt::Horizontal);
}

void MainWindow::onAppearanceChanged() {
    // Nodes and edges paint from the theme through a device cache: repaint them all.
    for (QGraphicsItem* item : scene_->items()) item->update();
    view_->resetCachedContent();
    view_->viewport()->update();
}

}  // namespace flowlab::ui
