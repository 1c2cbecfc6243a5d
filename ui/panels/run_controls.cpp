#include "panels/run_controls.hpp"

#include <QAction>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <cmath>

#include "flowlab/kernel/sim_time.hpp"
#include "session/live_session.hpp"
#include "theme/appearance.hpp"

namespace flowlab::ui {

namespace {

// The slider runs over log10(speed) in tenths: -10 (0.1x) .. 30 (1000x); 31 means Max.
constexpr int sliderMin = -10;
constexpr int sliderMaxSpeed = 30;
constexpr int sliderMax = 31;

}  // namespace

RunControls::RunControls(LiveSession* session, QWidget* parent)
    : QToolBar(tr("Run"), parent), session_(session) {
    setObjectName(QStringLiteral("runControls"));
    play_ = addAction(themedIcon(QStyle::SP_MediaPlay, this), tr("Play"));
    play_->setShortcut(Qt::Key_Space);
    play_->setToolTip(tr("Play / pause (Space)"));
    connect(play_, &QAction::triggered, this, [this] {
        if (commands_.togglePlay) return commands_.togglePlay();
        if (const auto frame = session_->frame(); frame && frame->finished)
            return emit continueRequested();
        session_->runner().toggle_play();
    });
    auto* stepEvent = addAction(themedIcon(QStyle::SP_MediaSeekForward, this), tr("Step event"));
    stepEvent_ = stepEvent;
    stepEvent->setToolTip(tr("Run exactly one event"));
    connect(stepEvent, &QAction::triggered, this, [this] {
        if (commands_.stepEvent) return commands_.stepEvent();
        session_->runner().step_event();
    });
    auto* stepHop = addAction(themedIcon(QStyle::SP_MediaSkipForward, this), tr("Step hop"));
    stepHop_ = stepHop;
    stepHop->setToolTip(tr("Run until the next message or request moves"));
    connect(stepHop, &QAction::triggered, this, [this] {
        if (commands_.stepHop) return commands_.stepHop();
        session_->runner().step_hop();
    });
    auto* reset = addAction(themedIcon(QStyle::SP_MediaSkipBackward, this), tr("Reset"));
    reset->setToolTip(tr("Back to time 0"));
    connect(reset, &QAction::triggered, this, [this] {
        if (commands_.reset) return commands_.reset();
        session_->runner().reset();
    });
    addSeparator();
    addWidget(new QLabel(tr(" Speed "), this));
    speedSlider_ = new QSlider(Qt::Horizontal, this);
    speedSlider_->setRange(sliderMin, sliderMax);
    speedSlider_->setValue(0);
    speedSlider_->setMaximumWidth(160);
    speedSlider_->setToolTip(tr("Virtual seconds per wall-clock second: 0.1× to 1000×, then Max"));
    addWidget(speedSlider_);
    speedLabel_ = new QLabel(this);
    speedLabel_->setMinimumWidth(48);
    addWidget(speedLabel_);
    connect(speedSlider_, &QSlider::valueChanged, this, [this] {
        speedLabel_->setText(speed() <= 0 ? tr("Max") : tr("%1×").arg(speed(), 0, 'g', 3));
        if (commands_.setSpeed) return commands_.setSpeed(speed());
        session_->runner().set_speed(speed());
    });
    speedLabel_->setText(tr("1×"));
    addSeparator();
    clock_ = new QLabel(this);
    clock_->setMinimumWidth(220);
    clock_->setStyleSheet(QStringLiteral("font-family: monospace; font-weight: bold;"));
    addWidget(clock_);
    connect(session_, &LiveSession::frameUpdated, this, &RunControls::showFrame);
    showFrame();
    // The style's icons are dark: a dark theme redraws them in its text colour.
    connect(&Appearance::instance(), &Appearance::changed, this, [this, stepEvent, stepHop, reset] {
        stepEvent->setIcon(themedIcon(QStyle::SP_MediaSeekForward, this));
        stepHop->setIcon(themedIcon(QStyle::SP_MediaSkipForward, this));
        reset->setIcon(themedIcon(QStyle::SP_MediaSkipBackward, this));
        showFrame();
    });
}

double RunControls::speed() const {
    if (speedSlider_->value() >= sliderMax) return 0.0;
    return std::pow(10.0, speedSlider_->value() / 10.0);
}

void RunControls::setSpeed(double speed) {
    speedSlider_->setValue(speed <= 0 ? sliderMax
                                      : std::clamp(int(std::lround(std::log10(speed) * 10)),
                                                   sliderMin, sliderMaxSpeed));
}

QString RunControls::clockText() const { return clock_->text(); }

void RunControls::setCommands(Commands commands) {
    commands_ = std::move(commands);
    if (commands_.setSpeed) commands_.setSpeed(speed());
    showFrame();
}

void RunControls::showFrame() {
    const auto frame = session_->frame();
    const bool running = commands_.playing ? commands_.playing() : frame && frame->running;
    play_->setIcon(themedIcon(running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay, this));
    play_->setText(running ? tr("Pause") : tr("Play"));
    if (!frame) return;
    QString state = frame->finished && !commands_.togglePlay ? tr("finished: Play continues")
                    : frame->finished                        ? tr("finished")
                    : running                                ? tr("running")
                                                             : tr("paused");
    clock_->setText(tr("t = %1 s  (%2 events, %3)")
                        .arg(kernel::to_s(frame->now), 0, 'f', 3)
                        .arg(frame->events)
                        .arg(state));
}

}  // namespace flowlab::ui
