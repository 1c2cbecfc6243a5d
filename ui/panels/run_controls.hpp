#pragma once
/// Play/pause, step, reset, speed and the virtual clock, as a toolbar.

#include <QToolBar>
#include <functional>

class QAction;
class QLabel;
class QSlider;

namespace flowlab::ui {

class LiveSession;

class RunControls : public QToolBar {
    Q_OBJECT
public:
    RunControls(LiveSession* session, QWidget* parent = nullptr);

    /// What the buttons do instead of commanding the session's runner (compare mode drives
    /// two runs in lockstep, ui/compare/compare_clock.hpp); the clock still shows the
    /// session's frame. `playing` says whether play is on, for the button's icon.
    struct Commands {
        std::function<void()> togglePlay, stepEvent, stepHop, reset;
        std::function<void(double)> setSpeed;
        std::function<bool()> playing;
    };
    void setCommands(Commands commands);
    /// Redraws the button and the clock (after the commands' state changed).
    void updateState() { showFrame(); }

    QAction* playAction() const { return play_; }
    QAction* stepEventAction() const { return stepEvent_; }
    QAction* stepHopAction() const { return stepHop_; }
    /// The slider position's speed in virtual seconds per wall second; 0 = as fast as possible.
    double speed() const;
    void setSpeed(double speed);
    QString clockText() const;

signals:
    /// Play was pressed on a run that has ended: the window asks how long to continue.
    void continueRequested();

private:
    void showFrame();

    LiveSession* session_;
    Commands commands_;
    QAction* play_;
    QAction* stepEvent_;
    QAction* stepHop_;
    QSlider* speedSlider_;
    QLabel* speedLabel_;
    QLabel* clock_;
};

}  // namespace flowlab::ui
