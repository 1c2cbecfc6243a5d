#pragma once
/// Presenter mode: the window full screen in large type, the canvas fitted to the space
/// with only what the lesson needs beside it (the watched figures and their chart, or
/// the trace view for a lesson about traces), and a large clock of virtual time.
/// Everything else (palette, lesson text, inspector, failure reasons, menus) comes back
/// as it was when the mode ends.

#include <QByteArray>
#include <QLabel>
#include <QList>
#include <QObject>
#include <QRect>
#include <memory>

#include "flowlab/run/frame.hpp"

class QBoxLayout;
class QDockWidget;
class QMainWindow;
class QSplitter;
class QTabWidget;
class QToolBar;

namespace flowlab::ui {

class CanvasView;

/// The virtual clock, large: "t = 25.0 s ▶".
class PresenterClock : public QLabel {
    Q_OBJECT
public:
    explicit PresenterClock(QWidget* parent = nullptr);
    void showFrame(const run::Frame& frame);
    /// Sizes and colours from the appearance.
    void restyle();
};

class PresenterMode : public QObject {
    Q_OBJECT
public:
    /// What the mode rearranges.
    struct Parts {
        CanvasView* view = nullptr;
        QTabWidget* bottomTabs = nullptr;
        QWidget* traces = nullptr;     ///< the tab kept for a lesson about traces
        QDockWidget* watch = nullptr;  ///< kept
        QList<QDockWidget*> hidden;    ///< hidden while presenting
        QToolBar* toolbar = nullptr;   ///< gets larger icons and the clock
        /// The lesson's chart moves from `chartHome` (under the watched figures) to the
        /// bottom of `split` (under the canvas), where it is as wide as the canvas.
        QWidget* lessonChart = nullptr;
        QBoxLayout* chartHome = nullptr;
        QSplitter* split = nullptr;
        /// The watched figures (their height decides whether the chart fits beside them).
        QWidget* figures = nullptr;
        /// The colour legend under the canvas: hidden while presenting (the lecturer
        /// explains it; its small print is not for the back of the room).
        QWidget* legend = nullptr;
        /// The timeline bar under the canvas: its height comes off the chart, not the graph.
        QWidget* timeline = nullptr;
    };
    PresenterMode(QMainWindow* window, Parts parts);
    ~PresenterMode() override;

    bool active() const { return active_; }
    /// `fullScreen` false keeps the window's size (--window-size shows a projector's
    /// resolution on any screen).
    void setActive(bool on, bool fullScreen = true);
    PresenterClock* clock() const { return clock_; }
    /// Whether the lesson's chart stays in the column beside the canvas (under the
    /// figures) rather than under the canvas: for a graph taller than the space under
    /// the canvas is wide, the canvas then has the full height.
    bool chartBeside() const { return active_ && chartIndex_ < 0; }

signals:
    void activeChanged(bool on);

private:
    void enter(bool fullScreen);
    void leave();
    /// Whether the graph fills the canvas's width before its height with the chart under
    /// it: then the chart costs the graph nothing there.
    bool graphIsWide(QSize screen) const;
    /// Whether the column has room for a readable chart under the figures.
    bool chartFitsBeside(QSize screen) const;

    QMainWindow* window_;
    Parts parts_;
    PresenterClock* clock_;
    QAction* clockAction_ = nullptr;
    bool active_ = false;
    // What leaving restores.
    QByteArray dockState_;
    Qt::WindowStates windowState_;
    bool menuVisible_ = true, tabsVisible_ = true;
    QSize iconSize_;
    QList<int> splitSizes_;
    int chartIndex_ = -1;  ///< where the lesson chart was in its home, while moved
};

}  // namespace flowlab::ui
