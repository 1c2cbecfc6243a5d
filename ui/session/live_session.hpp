#pragma once
/// The GUI's side of LiveRunner: commands in, frames out as a Qt signal.
///
/// The runner calls back on its engine thread; that callback only sets a flag and queues
/// a call into the UI thread, so no UI code ever runs inside the engine. Views redraw
/// from the newest frame when frameUpdated fires (at most once per queued wake-up).

#include <QObject>
#include <atomic>
#include <memory>

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"
#include "flowlab/run/live_runner.hpp"

namespace flowlab::ui {

class LiveSession : public QObject {
    Q_OBJECT
public:
    explicit LiveSession(QObject* parent = nullptr);
    ~LiveSession() override;

    run::LiveRunner& runner() { return *runner_; }
    std::shared_ptr<const run::Frame> frame() const { return frame_; }
    /// Pulls the newest frame now and tells the views (tests and --screenshot, after sync()).
    void refresh();

signals:
    void frameUpdated(std::shared_ptr<const flowlab::run::Frame> frame);

private:
    void onEngineFrame();

    std::unique_ptr<run::LiveRunner> runner_;
    std::shared_ptr<const run::Frame> frame_;
    std::atomic<bool> wakeQueued_{false};
};

}  // namespace flowlab::ui
