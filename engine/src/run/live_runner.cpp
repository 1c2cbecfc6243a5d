// LiveRunner: the engine on its own thread, paced to the wall clock.
//
// Three clocks stay apart (as in OMNeT++'s Qtenv): wall time paces the ticks, virtual
// time advances by speed x wall time, and the UI animates tokens from the virtual
// times in each frame. Everything in `Impl` runs on the engine thread; the public
// methods only post a named Impl method to it, wrapped so that an exception there
// pauses the run and reaches the UI in the frame instead of killing the thread.

#include "flowlab/run/live_runner.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <utility>

#include "flowlab/model/param_path.hpp"
#include "flowlab/runtime/simulation.hpp"
#include "run/chart_sampler.hpp"
#include "run/frame_builder.hpp"
#include "run/live_edit.hpp"
#include "run/live_observer.hpp"
#include "run/recorded_input.hpp"
#include "run/trace_view.hpp"
#include "runtime/world.hpp"

namespace flowlab::run {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {
constexpr double chart_window_s = 60.0;
constexpr double chart_interval_s = 0.5;
constexpr auto tick_period = std::chrono::milliseconds(16);
constexpr auto fast_slice_budget = std::chrono::milliseconds(15);

std::vector<std::string> watched_metrics(const model::Scenario& s) {
    std::vector<std::string> out;
    if (!s.lesson) return out;
    for (const auto& w : s.lesson->watch)
        if (!w.metric.empty()) out.push_back(w.metric);
    return out;
}
}  // namespace

struct LiveRunner::Impl {
    explicit Impl(FrameCallback cb)
        : on_frame(std::move(cb)), guard(asio::make_work_guard(io)), timer(io) {
        latest = std::make_shared<const Frame>();
        thread = std::thread([this] { io.run(); });
    }
    ~Impl() {
        asio::post(io, [this] {
            timer.cancel();
            guard.reset();
            io.stop();
        });
        thread.join();
    }

    /// Runs `command` on the engine thread; an exception pauses the run and is reported.
    template <class F>
    void post(F command) {
        asio::post(io, [this, command = std::move(command)]() mutable {
            try {
                command();
            } catch (const std::exception& e) {
                fail(e.what());
            } catch (...) {
                fail("unknown error");
            }
        });
    }

    // ---- engine thread ----
    void fail(const std::string& what) {
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

    void load(const model::Scenario& s, std::uint64_t rev, std::string why = {}) {
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

    /// A fresh simulation of `s` at time 0 (what load and seek_to share).
    void start(const model::Scenario& s, std::uint64_t rev) {
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

    // ---- recorded inputs and the timeline ----
    kernel::SimTime next_input_time() const {
        return applied < inputs.size() ? kernel::from_s(inputs[applied].at_s) : kernel::never;
    }

    /// Applies the recorded inputs whose time has come (the recorded future, as the run
    /// passes it). `quiet`: during a seek, whose own message says what happened.
    void apply_due_inputs(bool quiet = false) {
        while (applied < inputs.size() && kernel::from_s(inputs[applied].at_s) <= sim->now()) {
            const std::string what = apply_recorded_input(*sim, scenario, inputs[applied]);
            if (inputs[applied].kind == model::RecordedInput::Kind::set)
                builder = std::make_unique<FrameBuilder>(scenario);
            ++applied;
            if (!quiet) message = "Replayed from the recording: " + what;
        }
    }

    /// Applies a live input now (unless `applied_already`: a live edit) and records it.
    /// Given in the past (before the furthest time reached), it forks the run: the old
    /// future is kept as the abandoned one.
    void give(model::RecordedInput input, bool applied_already = false) {
        input.at_s = kernel::to_s(sim->now());
        if (!applied_already) message = apply_recorded_input(*sim, scenario, input);
        if (applied < inputs.size() || reached > sim->now()) {
            abandoned = recorded;
            abandoned_until_s = kernel::to_s(reached);
            inputs.resize(applied);
        }
        inputs.push_back(std::move(input));
        applied = inputs.size();
        reached = sim->now();
        update_recorded();
    }

    void update_recorded() {
        auto run = std::make_shared<model::Scenario>(base);
        run->recording = inputs;
        recorded = std::move(run);
    }

    /// `say`: a status message (the back key says where it went; the timeline shows it).
    void seek_to(double seconds, bool say = false) {
        if (!sim) return;
        const kernel::SimTime limit = std::max(reached, sim->now());
        const kernel::SimTime target =
            std::clamp<kernel::SimTime>(kernel::from_s(std::max(0.0, seconds)), 0, limit);
        const bool was_playing = playing;
        stop_playing();
        replay_to(target);
        message.clear();
        if (say) {
            char when[32];
            std::snprintf(when, sizeof when, "%.1f", kernel::to_s(sim->now()));
            message = std::string("Back to t = ") + when + " s: the same run again, same inputs";
        }
        publish();
        if (was_playing) start_playing();
    }

    /// The grid point (a chart sample time) from which the charts' window at `target` can
    /// be rebuilt: one more interval than the window holds, so that the first point after
    /// it (which lacks the interval before) has slid out of the window by `target`.
    static kernel::SimTime chart_rebuild_from(kernel::SimTime target) {
        const kernel::SimTime interval = kernel::from_s(chart_interval_s);
        const auto points =
            static_cast<kernel::SimTime>(std::ceil(chart_window_s / chart_interval_s));
        const kernel::SimTime k = (target / interval - points - 3) * interval;
        return std::max<kernel::SimTime>(0, k);
    }

    /// Re-runs from 0 to `target` with the same inputs. Up to where the charts' window
    /// starts the engine runs as a batch run (no live view: no hops, no samples), which is
    /// what makes a seek in a long run fast; from there on as a live run.
    void replay_to(kernel::SimTime target) {
        const kernel::SimTime furthest = std::max(reached, sim->now());
        // The replay passes checkpoints already passed: none may pause it.
        const int armed_before = std::exchange(armed_id, -1);
        start(base, revision);
        applied = 0;
        const kernel::SimTime from = chart_rebuild_from(target);
        if (from > 0 && !fast_forward(from)) {
            start(base, revision);  // the run ended before: replay all of it as a live run
            applied = 0;
        }
        window_mark = std::max(sim->now(), target - kernel::from_s(token_window_s));
        advance_to(target);
        window_mark = -1;
        in_final_window = false;
        reached = std::max(furthest, sim->now());
        armed_id = armed_before;
    }

    /// Runs to `t` without the live view, applying inputs on the way, then attaches a fresh
    /// observer and chart sampler there. False when the run ends before `t`.
    bool fast_forward(kernel::SimTime t) {
        sim->set_observer(nullptr);
        apply_due_inputs(true);
        while (!sim->finished() && sim->now() < t) {
            sim->advance_to(std::min(t, next_input_time()));
            apply_due_inputs(true);
        }
        if (sim->now() < t) return false;
        observer = std::make_unique<LiveObserver>(scenario.edges.size());
        sim->set_observer(observer.get());
        sampler = std::make_unique<ChartSampler>(sim->world(), chart_window_s, chart_interval_s,
                                                 watched_metrics(scenario));
        return true;
    }

    /// Where the token window of a final frame starts (see LiveRunner::run_for).
    void start_token_window() {
        observer->restart_window(sim->now());
        Frame scratch;  // builds once so that "arrived since the last frame" starts here too
        builder->build(sim->world(), *observer, scratch);
        window_mark = -1;
        in_final_window = true;
    }

    /// Advances to `t`, applying recorded inputs on the way, stopping early (and pausing)
    /// at the armed checkpoint.
    void advance_to(kernel::SimTime t) {
        apply_due_inputs();
        if (window_mark >= 0 && sim->now() >= window_mark) start_token_window();
        while (!sim->finished() && sim->now() < t) {
            kernel::SimTime stop = std::min({t, sampler->next_sample(), next_input_time()});
            if (window_mark > sim->now()) stop = std::min(stop, window_mark);
            if (armed_id >= 0) stop = std::min(stop, checkpoint_stop());
            sim->advance_to(stop);
            sample_if_due();
            apply_due_inputs();
            if (window_mark >= 0 && sim->now() >= window_mark) start_token_window();
            if (armed_id >= 0 && checkpoint_due()) {
                reach_checkpoint();
                break;
            }
        }
        reached = std::max(reached, sim->now());
    }

    // ---- lesson checkpoints ----
    /// The next time the armed checkpoint must be looked at: its at_s, or the next tick of
    /// the check grid for its `when`.
    kernel::SimTime checkpoint_stop() const {
        kernel::SimTime stop = kernel::never;
        if (armed.at_s) stop = std::max(sim->now(), kernel::from_s(*armed.at_s));
        if (armed.when) stop = std::min(stop, next_condition_check(sim->now()));
        return stop;
    }

    /// At a stop of checkpoint_stop(): whether the checkpoint is reached there.
    bool checkpoint_due() const {
        const kernel::SimTime now = sim->now();
        if (armed.at_s && now >= kernel::from_s(*armed.at_s)) return true;
        const bool on_grid = now % kernel::from_s(condition_check_interval_s) == 0;
        return armed.when && on_grid && condition_holds(sim->report(), *armed.when);
    }

    /// `report`: the report of now, when the caller has it already.
    void reach_checkpoint(std::shared_ptr<const boost::json::object> report = nullptr) {
        reached_id = armed_id;
        reached_s = kernel::to_s(sim->now());
        reached_report =
            report ? std::move(report) : std::make_shared<const boost::json::object>(sim->report());
        armed_id = -1;
        stop_playing();
    }

    void arm_checkpoint(int id, const Checkpoint& checkpoint) {
        if (!sim || id < 0 || id == armed_id || id == reached_id) return;
        armed_id = id;
        armed = checkpoint;
        publish();  // reached already (a time passed, a condition holding) shows at once
    }

    void disarm_checkpoint() {
        armed_id = -1;
        publish();
    }

    void run_to_checkpoint() {
        if (!sim) return;
        run_target = kernel::never;
        start_playing();
        publish();
    }

    void sample_if_due() {
        if (sim->now() >= sampler->next_sample()) sampler->sample(sim->world(), *observer);
    }

    void tick() {
        if (!sim || !playing) return;
        const auto wall_now = Clock::now();
        const double wall_dt =
            std::min(0.1, std::chrono::duration<double>(wall_now - last_wall).count());
        last_wall = wall_now;
        if (speed <= 0 || run_target >= 0) {
            // As fast as possible, but publish a frame every ~15 ms of wall time.
            const auto budget_end = wall_now + fast_slice_budget;
            const kernel::SimTime target = run_target >= 0 ? run_target : kernel::never;
            // The last token window runs in one go: a frame published inside it would
            // restart the tokens at a time that depends on the machine's speed.
            while (playing && !sim->finished() && sim->now() < target &&
                   (Clock::now() < budget_end || in_final_window))
                advance_to(std::min(target, sim->now() + kernel::from_ms(20)));
            if (run_target >= 0 && sim->now() >= run_target) stop_playing();
        } else {
            advance_to(sim->now() + kernel::from_s(wall_dt * speed));
        }
        if (sim->finished()) stop_playing();  // a target past the end ends with the run
        publish();
        schedule_tick();
    }

    void schedule_tick() {
        if (!playing) return;
        timer.expires_after(tick_period);
        timer.async_wait([this](const boost::system::error_code& ec) {
            if (!ec) post([this] { tick(); });
        });
    }

    void start_playing() {
        if (!sim || sim->finished() || playing) return;
        playing = true;
        last_wall = Clock::now();
        schedule_tick();
    }

    /// Every way of stopping (pause, step, end of run, target reached) clears the target.
    void stop_playing() {
        playing = false;
        run_target = -1;
        window_mark = -1;
        in_final_window = false;
    }

    void pause() {
        stop_playing();
        publish();
    }

    void toggle_play() {
        if (playing) {
            pause();
        } else {
            start_playing();
        }
    }

    /// One event, or the recorded input due before the next event.
    void step_once() {
        apply_due_inputs();
        const kernel::SimTime input = next_input_time();
        if (input != kernel::never && input < sim->next_event_time()) {
            sim->advance_to(input);
            sample_if_due();
            apply_due_inputs();
        } else {
            sim->step();
            sample_if_due();
        }
        reached = std::max(reached, sim->now());
    }

    void step_event() {
        if (!sim) return;
        stop_playing();
        step_once();
        publish();
    }

    std::uint64_t hops_so_far() const {
        std::uint64_t n = 0;
        for (auto c : observer->hops_per_edge) n += c;
        return n;
    }

    void step_hop() {
        if (!sim) return;
        stop_playing();
        // Run until something starts moving along an edge (bounded, in case nothing will).
        const std::uint64_t before = hops_so_far();
        for (int n = 0; n < 1'000'000 && !sim->finished(); ++n) {
            step_once();
            if (hops_so_far() > before) break;
        }
        publish();
    }

    void run_for(double virtual_seconds) {
        if (!sim) return;
        if (sim->finished()) {
            publish();
            return;
        }
        run_target = sim->now() + kernel::from_s(std::max(0.0, virtual_seconds));
        window_mark = std::max(sim->now(), run_target - kernel::from_s(token_window_s));
        in_final_window = false;
        if (playing) return;
        playing = true;
        last_wall = Clock::now();
        schedule_tick();
    }

    void set_speed(double x) {
        speed = x <= 0 ? 0.0 : std::clamp(x, 0.1, 1000.0);
        publish();
    }

    void apply_edit(const model::Scenario& edited, std::uint64_t rev) {
        if (!sim) {
            load(edited, rev);
            return;
        }
        std::string why;
        model::Scenario next = edited;
        next.recording.clear();  // the runner's own inputs are the recording
        auto changes = model::param_changes(scenario, next);
        if (apply_live_edit(sim->world(), next, &why)) {
            scenario = next;
            revision = rev;
            builder = std::make_unique<FrameBuilder>(next);
            // Recorded as the parameters it changed, which a replay sets at the same time.
            if (!changes.empty()) {
                model::RecordedInput input;
                input.kind = model::RecordedInput::Kind::set;
                input.set = std::move(changes);
                give(std::move(input), true);
            }
            message = "Applied to the running engine";
            publish();
            return;
        }
        const bool was_playing = playing;
        load(next, rev, "Restarted: " + why);
        if (was_playing) start_playing();
    }

    void set_fault(const model::Fault& fault, bool on) {
        if (!sim) return;
        model::RecordedInput input;
        input.kind = on ? model::RecordedInput::Kind::fault : model::RecordedInput::Kind::heal;
        input.fault = fault;
        input.fault.at_s = 0;  // the entry's at_s says when
        give(std::move(input));
        if (sim->finished()) message += ": the run has ended, Continue to see the effect";
        publish();
    }

    void extend(double seconds) {
        if (!sim) return;
        model::RecordedInput input;
        input.kind = model::RecordedInput::Kind::extend;
        input.seconds = std::max(0.0, seconds);
        if (input.seconds > 0) give(std::move(input));
        char text[96];
        std::snprintf(text, sizeof text, "Continued: clients send until %.1f s",
                      kernel::to_s(sim->now()) + std::max(0.0, seconds));
        message = text;
        publish();
    }

    void redrive(const std::string& dlq_id) {
        if (!sim) return;
        model::RecordedInput input;
        input.kind = model::RecordedInput::Kind::redrive;
        input.dlq = dlq_id;
        give(std::move(input));
        publish();
    }

    void publish() {
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

    bool idle() const { return run_target < 0; }

    FrameCallback on_frame;
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> guard;
    asio::steady_timer timer;
    std::thread thread;

    model::Scenario scenario;
    /// The scenario the run started from, and what the user did since, in order.
    model::Scenario base;
    /// This run's inputs in time order: the first `applied` have been applied, the rest
    /// are the recorded future.
    std::vector<model::RecordedInput> inputs;
    std::size_t applied = 0;
    kernel::SimTime reached = 0;  ///< the furthest time this run (this fork) has been played
    std::shared_ptr<const model::Scenario> recorded;   ///< base + inputs (Frame::recorded_run)
    std::shared_ptr<const model::Scenario> abandoned;  ///< Frame::abandoned_run
    double abandoned_until_s = 0;
    kernel::SimTime window_mark = -1;  ///< where the final frame's token window starts
    bool in_final_window = false;
    std::uint64_t revision = 0;
    std::unique_ptr<runtime::Simulation> sim;
    std::unique_ptr<LiveObserver> observer;
    std::unique_ptr<ChartSampler> sampler;
    std::unique_ptr<FrameBuilder> builder;
    bool playing = false;
    double speed = 1.0;
    kernel::SimTime run_target = -1;
    std::uint64_t run_serial = 0;
    int armed_id = -1;  ///< -1: no checkpoint armed
    Checkpoint armed;
    int reached_id = -1;
    double reached_s = 0;
    std::shared_ptr<const boost::json::object> reached_report;
    Clock::time_point last_wall;
    std::string message;
    std::string error;

    mutable std::mutex mutex;
    std::shared_ptr<const Frame> latest;
    std::atomic<std::uint64_t> seek_serial{0};  ///< the newest seek_to asked for
};

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
