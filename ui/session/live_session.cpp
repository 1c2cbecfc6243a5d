#include "session/live_session.hpp"

#include <QMetaObject>

namespace flowlab::ui {

LiveSession::LiveSession(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<const flowlab::run::Frame>>();
    runner_ = std::make_unique<run::LiveRunner>([this] {
        // Engine thread: coalesce bursts into one queued wake-up of the UI thread.
        if (wakeQueued_.exchange(true)) return;
        QMetaObject::invokeMethod(
            this, [this] { onEngineFrame(); }, Qt::QueuedConnection);
    });
    frame_ = runner_->latest_frame();
}

// The runner joins its thread first, so no callback can arrive after this object is gone;
// wake-ups already queued are dropped by Qt together with this object.
LiveSession::~LiveSession() { runner_.reset(); }

void LiveSession::onEngineFrame() {
    wakeQueued_ = false;
    refresh();
}

void LiveSession::refresh() {
    frame_ = runner_->latest_frame();
    emit frameUpdated(frame_);
}

}  // namespace flowlab::ui
