#pragma once
/// Play/pause, step, reset, speed and the virtual clock, as a toolbar.

#include <QToolBar>

class QAction;
class QLabel;
class QSlider;

namespace flowlab::ui {

class LiveSession;

class RunControls : public QToolBar {
    Q_OBJECT
public:
    RunControls(LiveSession* session, QWidget* parent = nullptr);

    QAction* playAction() const { return play_; }
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
    QAction* play_;
    QSlider* speedSlider_;
    QLabel* speedLabel_;
    QLabel* clock_;
};

}  // namespace flowlab::ui
