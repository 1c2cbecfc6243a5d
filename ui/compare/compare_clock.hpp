#pragma once
/// One transport for two runs: play, pause, speed, step, seek back and reset drive both
/// LiveRunners so that they always stand at the same virtual time.
///
/// Two runners paced each by its own wall clock drift apart by a few milliseconds, and a
/// compare must put the same moment side by side. So the clock paces them itself: each
/// tick of a UI timer asks both for the same stretch of virtual time (run_for) and waits
/// for both to get there (sync; a stretch is at most `maxStretchSeconds`, a few
/// milliseconds of engine work at the speeds a class watches). Every other command
/// is given to both between stretches, when both stand at the same time. A run that
/// ended (its clients stopped and everything drained) stays at its end while the other
/// goes on; nothing happens in it any more.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <memory>

#include "flowlab/run/frame.hpp"

namespace flowlab::ui {

class LiveSession;

class CompareClock : public QObject {
    Q_OBJECT
public:
    /// Virtual seconds a step moves both runs on.
    static constexpr double stepSeconds = 0.1;
    /// A longer step: one chart sample.
    static constexpr double longStepSeconds = 0.5;
    /// Virtual seconds the back command goes back.
    static constexpr double backSeconds = 5.0;
    /// At "as fast as possible" each tick runs this much virtual time.
    static constexpr double maxStretchSeconds = 1.0;

    CompareClock(LiveSession* a, LiveSession* b, QObject* parent = nullptr);

    bool playing() const { return playing_; }
    void play();
    void pause();
    void togglePlay();
    /// Both runs `seconds` further on, paused.
    void step(double seconds = stepSeconds);
    /// Both runs back `seconds` (to 0 at most), by deterministic re-execution.
    void seekBack(double seconds = backSeconds);
    /// Both runs to virtual time `seconds` (0 up to the furthest played), paused: the
    /// timeline's seek. Past moments are re-executed exactly, the recorded future replayed.
    void seekTo(double seconds);
    void reset();
    /// Virtual seconds per wall second; 0 = as fast as possible.
    void setSpeed(double speed);
    double speed() const { return speed_; }
    /// Runs both `seconds` further as fast as possible and draws the result (--run-for).
    void runFor(double seconds);
    /// Both runs ended.
    bool finished() const;
    /// Waits for both runners' commands, pulls their frames and tells the views (after a
    /// load; every command here does this itself).
    void settle();

signals:
    /// Both runs stand at the same moment: draw these two frames together.
    void framesUpdated(std::shared_ptr<const flowlab::run::Frame> a,
                       std::shared_ptr<const flowlab::run::Frame> b);
    /// Play started or stopped.
    void playingChanged(bool playing);

private:
    void tick();
    /// Runs both for `seconds` of virtual time and waits until both got there.
    void advance(double seconds);
    void setPlaying(bool on);

    LiveSession* a_;
    LiveSession* b_;
    QTimer timer_;
    QElapsedTimer wall_;
    bool playing_ = false;
    double speed_ = 1.0;
};

}  // namespace flowlab::ui
