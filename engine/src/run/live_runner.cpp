// LiveRunner: the engine on its own thread, paced to the wall clock.
//
// Three clocks stay apart (as in OMNeT++'s Qtenv): wall time paces the ticks, virtual
// time advances by speed x wall time, and the UI animates tokens from the virtual
// times in each frame. Everything in `Impl` (live_runner_impl.hpp) runs on the engine
// thread; the public methods only post a named Impl method to it, wrapped so that an
// exception there pauses the run and reaches the UI in the frame instead of killing the
// thread.

#include "flowlab/run/live_runner.hpp"

#include <chrono>
#include <future>
#include <thread>

#include "run/live_runner_impl.hpp"
#include "run/trace_view.hpp"
#include "runtime/world.hpp"

namespace flowlab::run {

std::vector<std::string> LiveRunner::Impl::watched_metrics(const model::Scenario& s) {
    std::vector<std::string> out;
    if (!s.lesson) return out;
    for (const auto& w : s.lesson->watch)
        if (!w.metric.empty()) out.push_back(w.metric);
    return out;
}

void LiveRunner::Impl::fail(const std::string& what) {
    playing = false;
    run_target = -1;
    error = "The engine stopped: " + what;
    try {
        publish();
    } catch (...) {
        // Building the frame failed too: publish the error alone.
        auto frame = std::make_shared<Frame>();
        frame->error = error;
        frame->revision = revision;
        std::lock_guard lock(mutex);
        latest = std::move(frame);
    }
    if (on_frame) on_frame();
}

void LiveRunner::Impl::load(const model::Scenario& s, std::uint64_t rev, std::string why) {
    start(s, rev);
    // A recorded run's inputs are its recorded future, from time 0.
    inputs = s.recording;
    applied = 0;
    reached = inputs.empty() ? 0 : kernel::from_s(inputs.back().at_s);
    abandoned = nullptr;
    abandoned_until_s = 0;
    window_mark = -1;
    apply_due_inputs();
    update_recorded();
    playing = false;
    run_target = -1;
    armed_id = -1;
    reached_id = -1;
    ++run_serial;
    message = std::move(why);
    publish();
}

void LiveRunner::Impl::start(const model::Scenario& s, std::uint64_t rev) {
    base = s;
    base.recording.clear();  // the runner keeps the inputs (`inputs`)
    scenario = base;
    revision = rev;
    error.clear();
    sim = std::make_unique<runtime::Simulation>(scenario);
    observer = std::make_unique<LiveObserver>(scenario.edges.size());
    sim->set_observer(observer.get());
    sim->advance_to(0);  // starts the run: arrivals and faults get scheduled
    sampler = std::make_unique<ChartSampler>(sim->world(), chart_window_s, chart_interval_s,
                                             watched_metrics(scenario));
    builder = std::make_unique<FrameBuilder>(scenario);
}

void LiveRunner::Impl::publish() {
    auto frame = std::make_shared<Frame>();
    if (sim) {
        frame->report = std::make_shared<const boost::json::object>(sim->report());
        // Every frame is looked at: the run stops at the first one the student could see
        // the checkpoint reached in.
        if (armed_id >= 0 && armed.reached(kernel::to_s(sim->now()), *frame->report))
            reach_checkpoint(frame->report);
        // A run that has ended has nothing in flight: no tokens, whenever its last
        // frames were taken (so that a seek to its end shows what the straight run did).
        if (sim->finished()) observer->restart_window(sim->now());
        builder->build(sim->world(), *observer, *frame);
        sampler->copy_into(*frame);
        observer->start_frame(sim->now());
        frame->traces = recent_traces(sim->world().traces);
    }
    frame->run_serial = run_serial;
    frame->checkpoint_armed = armed_id;
    frame->checkpoint_reached = reached_id;
    frame->checkpoint_reached_s = reached_s;
    frame->checkpoint_report = reached_id >= 0 ? reached_report : nullptr;
    frame->speed = speed;
    frame->running = playing;
    frame->message = message;
    frame->error = error;
    frame->revision = revision;
    if (sim) frame->recorded_until_s = kernel::to_s(std::max(reached, sim->now()));
    frame->recorded_run = recorded;
    frame->abandoned_run = abandoned;
    frame->abandoned_until_s = abandoned_until_s;
    {
        std::lock_guard lock(mutex);
        latest = std::move(frame);
    }
    if (on_frame) on_frame();
}

LiveRunner::LiveRunner(FrameCallback on_frame)
    : impl_(std::make_unique<Impl>(std::move(on_frame))) {}
LiveRunner::~LiveRunner() = default;

void LiveRunner::load(const model::Scenario& scenario, std::uint64_t revision) {
    impl_->post([i = impl_.get(), scenario, revision] { i->load(scenario, revision); });
}
void LiveRunner::play() {
    impl_->post([i = impl_.get()] { i->start_playing(); });
}
void LiveRunner::pause() {
    impl_->post([i = impl_.get()] { i->pause(); });
}
void LiveRunner::toggle_play() {
    impl_->post([i = impl_.get()] { i->toggle_play(); });
}
void LiveRunner::step_event() {
    impl_->post([i = impl_.get()] { i->step_event(); });
}
void LiveRunner::step_hop() {
    impl_->post([i = impl_.get()] { i->step_hop(); });
}
void LiveRunner::reset() {
    impl_->post([i = impl_.get()] {
        if (i->sim) i->load(i->scenario, i->revision);  // the edited scenario, no recording
    });
}
void LiveRunner::set_speed(double speed) {
    impl_->post([i = impl_.get(), speed] { i->set_speed(speed); });
}
void LiveRunner::run_for(double virtual_seconds) {
    impl_->post([i = impl_.get(), virtual_seconds] { i->run_for(virtual_seconds); });
}
void LiveRunner::arm_checkpoint(int id, const Checkpoint& checkpoint) {
    impl_->post([i = impl_.get(), id, checkpoint] { i->arm_checkpoint(id, checkpoint); });
}
void LiveRunner::disarm_checkpoint() {
    impl_->post([i = impl_.get()] { i->disarm_checkpoint(); });
}
void LiveRunner::run_to_checkpoint() {
    impl_->post([i = impl_.get()] { i->run_to_checkpoint(); });
}
void LiveRunner::apply_edit(const model::Scenario& edited, std::uint64_t revision) {
    impl_->post([i = impl_.get(), edited, revision] { i->apply_edit(edited, revision); });
}
void LiveRunner::set_fault(const model::Fault& fault, bool on) {
    impl_->post([i = impl_.get(), fault, on] { i->set_fault(fault, on); });
}
void LiveRunner::extend(double seconds) {
    impl_->post([i = impl_.get(), seconds] { i->extend(seconds); });
}

void LiveRunner::seek_to(double seconds) {
    // Dragging the timeline asks for many seeks while one runs: only the newest is worth
    // running, so a seek that a later one has overtaken is skipped.
    const std::uint64_t serial = ++impl_->seek_serial;
    impl_->post([i = impl_.get(), seconds, serial] {
        if (serial == i->seek_serial.load()) i->seek_to(seconds);
    });
}

void LiveRunner::seek_back(double virtual_seconds) {
    impl_->post([i = impl_.get(), virtual_seconds] {
        if (i->sim) i->seek_to(kernel::to_s(i->sim->now()) - std::max(0.0, virtual_seconds), true);
    });
}

void LiveRunner::redrive(const std::string& dlq_id) {
    impl_->post([i = impl_.get(), dlq_id] { i->redrive(dlq_id); });
}

std::shared_ptr<const Frame> LiveRunner::latest_frame() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->latest;
}

void LiveRunner::sync() {
    // Wait for the current run_for (if any) to end: at its target, at the end of the
    // run, or on any pause or step, so this always returns.
    for (;;) {
        std::promise<bool> done;
        auto fut = done.get_future();
        asio::post(impl_->io, [i = impl_.get(), &done] { done.set_value(i->idle()); });
        if (fut.get()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    // Every command publishes its frame before it returns on the engine thread, so a
    // barrier behind them is enough.
    std::promise<void> barrier;
    auto fut = barrier.get_future();
    asio::post(impl_->io, [&barrier] { barrier.set_value(); });
    fut.get();
}

}  // namespace flowlab::run
