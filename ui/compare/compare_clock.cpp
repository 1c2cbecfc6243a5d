#include "compare/compare_clock.hpp"

#include <algorithm>

#include "session/live_session.hpp"

namespace flowlab::ui {

namespace {

/// A UI timer's period: smooth enough for the eye, cheap for the engine.
constexpr int tickMs = 33;

}  // namespace

CompareClock::CompareClock(LiveSession* a, LiveSession* b, QObject* parent)
    : QObject(parent), a_(a), b_(b) {
    timer_.setInterval(tickMs);
    connect(&timer_, &QTimer::timeout, this, &CompareClock::tick);
}

bool CompareClock::finished() const {
    const auto fa = a_->frame(), fb = b_->frame();
    return fa && fb && fa->finished && fb->finished;
}

void CompareClock::setPlaying(bool on) {
    if (on == playing_) return;
    playing_ = on;
    if (on) {
        wall_.start();
        timer_.start();
    } else {
        timer_.stop();
    }
    emit playingChanged(on);
}

void CompareClock::play() {
    if (!finished()) setPlaying(true);
}

void CompareClock::pause() { setPlaying(false); }

void CompareClock::togglePlay() { playing_ ? pause() : play(); }

void CompareClock::tick() {
    // Wall time since the last tick, capped: a stalled UI does not make the runs jump.
    const double wall = std::min(0.1, double(wall_.restart()) / 1000.0);
    advance(speed_ <= 0 ? maxStretchSeconds : std::min(maxStretchSeconds, wall * speed_));
    if (finished()) pause();
}

void CompareClock::advance(double seconds) {
    a_->runner().run_for(seconds);
    b_->runner().run_for(seconds);
    settle();
}

void CompareClock::settle() {
    // Both engines work in parallel; each sync returns once its runner is done.
    a_->runner().sync();
    b_->runner().sync();
    a_->refresh();
    b_->refresh();
    emit framesUpdated(a_->frame(), b_->frame());
}

void CompareClock::step(double seconds) {
    pause();
    advance(seconds);
}

void CompareClock::seekBack(double seconds) {
    a_->runner().seek_back(seconds);
    b_->runner().seek_back(seconds);
    settle();
}

void CompareClock::seekTo(double seconds) {
    pause();
    a_->runner().seek_to(seconds);
    b_->runner().seek_to(seconds);
    settle();
}

void CompareClock::reset() {
    pause();
    a_->runner().reset();
    b_->runner().reset();
    settle();
}

void CompareClock::setSpeed(double speed) {
    speed_ = speed <= 0 ? 0.0 : std::clamp(speed, 0.1, 1000.0);
    // The token animation reads the speed from the frames.
    a_->runner().set_speed(speed_);
    b_->runner().set_speed(speed_);
}

void CompareClock::runFor(double seconds) {
    pause();
    advance(seconds);
}

}  // namespace flowlab::ui
