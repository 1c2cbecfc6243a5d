#include "panels/presenter_mode.hpp"

#include <QApplication>
#include <QBoxLayout>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QSplitter>
#include <QTabWidget>
#include <QToolBar>
#include <algorithm>
#include <cmath>

#include "canvas/canvas_view.hpp"
#include "flowlab/kernel/sim_time.hpp"
#include "theme/appearance.hpp"

namespace flowlab::ui {

namespace {

/// Fitting may blow a small lesson up this far in presenter mode: the room reads it.
constexpr qreal presenterMaxFitZoom = 2.0;
/// Every pixel of a projector goes to the graph: a thin margin (scene units).
constexpr qreal presenterFitMargin = 12;
/// The clock's digits, in pixels (the watch figures are 60 px in presenter mode).
constexpr int clockPixels = 34;
/// The lesson chart's share of the height under the canvas.
constexpr double chartShare = 0.3;
/// The least height a chart needs beside the figures to stay readable in large type (its
/// title, a plot that shows a trend, the axis labels and the legend).
constexpr int minChartBeside = 260;

}  // namespace

PresenterClock::PresenterClock(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("presenterClock"));
    setToolTip(tr("Virtual time of the run"));
    setText(tr("t = 0.0 s"));
    restyle();
    connect(&Appearance::instance(), &Appearance::changed, this, &PresenterClock::restyle);
}

void PresenterClock::restyle() {
    setStyleSheet(QStringLiteral("QLabel#presenterClock { font-size: %1px; font-weight: bold; "
                                 "font-family: monospace; padding: 0 16px; color: %2; }")
                      .arg(int(std::lround(clockPixels * Appearance::instance().textZoom())))
                      .arg(themeColors().nodeText.name()));
}

void PresenterClock::showFrame(const run::Frame& frame) {
    // Tenths: what a room can follow; the toolbar's clock keeps the milliseconds.
    const QString state = frame.finished  ? tr("ended")
                          : frame.running ? QStringLiteral("▶")
                                          : QStringLiteral("❚❚");
    const QString text = tr("t = %1 s  %2").arg(kernel::to_s(frame.now), 0, 'f', 1).arg(state);
    if (text != this->text()) setText(text);
}

PresenterMode::PresenterMode(QMainWindow* window, Parts parts)
    : QObject(window), window_(window), parts_(std::move(parts)) {
    clock_ = new PresenterClock(window);
    // First in the toolbar: a narrow screen pushes the last items into the overflow menu.
    clockAction_ = parts_.toolbar->insertWidget(parts_.toolbar->actions().value(0), clock_);
    clockAction_->setVisible(false);
}

PresenterMode::~PresenterMode() = default;

void PresenterMode::setActive(bool on, bool fullScreen) {
    if (on == active_) return;
    active_ = on;
    if (on)
        enter(fullScreen);
    else
        leave();
    emit activeChanged(on);
}

void PresenterMode::enter(bool fullScreen) {
    dockState_ = window_->saveState();
    windowState_ = window_->windowState();
    menuVisible_ = !window_->menuBar()->isHidden();
    tabsVisible_ = !parts_.bottomTabs->isHidden();
    iconSize_ = parts_.toolbar->iconSize();

    Appearance::instance().setPresenter(true);
    for (QDockWidget* dock : parts_.hidden) dock->hide();
    parts_.watch->show();
    // One chart is what a room can follow: the lesson's own, under the canvas and as wide,
    // which leaves the column beside the canvas to the figures. A lesson about traces
    // keeps the trace view there instead, and its chart beside the figures.
    splitSizes_ = parts_.split->sizes();
    const bool traces = parts_.bottomTabs->currentWidget() == parts_.traces;
    parts_.bottomTabs->setVisible(traces);
    // Full screen: the screen's size; otherwise the window's (--window-size 1280x720).
    const QSize screen =
        fullScreen && window_->screen() ? window_->screen()->size() : window_->size();
    if (parts_.legend) parts_.legend->hide();
    if (!traces && (graphIsWide(screen) || !chartFitsBeside(screen))) {
        chartIndex_ = parts_.chartHome->indexOf(parts_.lessonChart);
        parts_.split->addWidget(parts_.lessonChart);
        // The chart keeps its share whole: below it its axis labels turn to "...". The
        // timeline's height comes off the canvas (graphIsWide counts it).
        const int height = parts_.split->height();
        parts_.split->setSizes({int(height * (1 - chartShare)), 0, int(height * chartShare)});
    }
    parts_.view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    parts_.view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    window_->menuBar()->hide();
    parts_.toolbar->setIconSize(iconSize_ * 2);
    clockAction_->setVisible(true);
    if (fullScreen) window_->setWindowState(windowState_ | Qt::WindowFullScreen);
    parts_.view->setFitLimits(presenterMaxFitZoom, presenterFitMargin);
    parts_.view->fitAll();
}

bool PresenterMode::graphIsWide(QSize screen) const {
    const QRectF graph = parts_.view->framedBounds();
    if (graph.isEmpty()) return true;
    // The canvas's share of the screen: the figures' column takes up to two fifths of its
    // width (MainWindow::fitWatchColumn), the toolbar and the status bar about 80 px.
    const qreal width = screen.width() * 0.65;
    const int timeline = parts_.timeline ? parts_.timeline->sizeHint().height() : 0;
    const qreal heightUnder = std::max(1.0, (screen.height() - 80) * (1 - chartShare) - timeline);
    return graph.width() / graph.height() >= width / heightUnder;
}

bool PresenterMode::chartFitsBeside(QSize screen) const {
    if (!parts_.figures) return false;
    // The figures' new (large) fonts reach their size hint through posted events.
    QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const int left = screen.height() - 80 - parts_.figures->sizeHint().height();
    return left >= minChartBeside;
}

void PresenterMode::leave() {
    Appearance::instance().setPresenter(false);
    if (parts_.legend) parts_.legend->show();
    clockAction_->setVisible(false);
    parts_.toolbar->setIconSize(iconSize_);
    window_->menuBar()->setVisible(menuVisible_);
    parts_.bottomTabs->setVisible(tabsVisible_);
    if (chartIndex_ >= 0) {
        parts_.chartHome->insertWidget(chartIndex_, parts_.lessonChart, 1);
        chartIndex_ = -1;
    }
    parts_.split->setSizes(splitSizes_);
    parts_.view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    parts_.view->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    window_->setWindowState(windowState_);
    window_->restoreState(dockState_);
    parts_.view->setFitLimits(1.0, CanvasView::defaultFitMargin);
    parts_.view->fitAll();
}

}  // namespace flowlab::ui
