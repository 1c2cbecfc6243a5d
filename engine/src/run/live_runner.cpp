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

#include <chrono>
#include <cstdio>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <utility>

#include "flowlab/runtime/simulation.hpp"
#include "run/chart_sampler.hpp"
#include "run/frame_builder.hpp"
#include "run/live_edit.hpp"
#include "run/live_observer.hpp"
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
        inputs.clear();
        playing = false;
        run_target = -1;
        armed_id = -1;
        reached_id = -1;
        ++run_serial;
        message = std::move(why);
        publish();
    }

    /// A fresh simulation of `s` at time 0 (what load and seek_back share).
    void start(const model::Scenario& s, std::uint64_t rev) {
        base = s;
        scenario = s;
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

    /// Remembers a live input just applied, so that seek_back can re-run it at the same
    /// virtual time.
    void remember(std::function<void(Impl&)> effect) {
        inputs.push_back({sim->now(), std::move(effect)});
    }

    void seek_back(double seconds) {
        if (!sim) return;
        const kernel::SimTime target =
            std::max<kernel::SimTime>(0, sim->now() - kernel::from_s(std::max(0.0, seconds)));
        const bool was_playing = playing;
        // The same scenario, seed and inputs at the same virtual times make the same run
        // (the engine is deterministic): re-run it to `target`. Inputs after it are
        // dropped, as they have not happened yet.
        std::vector<LiveInput> replay;
        for (auto& input : inputs)
            if (input.at <= target) replay.push_back(std::move(input));
        start(base, revision);
        // The replay passes checkpoints already passed: none may pause it.
        const int armed_before = std::exchange(armed_id, -1);
        for (auto& input : replay) {
            advance_to(input.at);
            input.effect(*this);
        }
        inputs = std::move(replay);
        advance_to(target);
        armed_id = armed_before;
        sample_if_due();
        stop_playing();
        char when[32];
        std::snprintf(when, sizeof when, "%.1f", kernel::to_s(sim->now()));
        message = std::string("Back to t = ") + when + " s: the same run again, same inputs";
        publish();
        if (was_playing) start_playing();
    }

    /// Advances to `t`, stopping early (and pausing) at the armed checkpoint.
    void advance_to(kernel::SimTime t) {
        while (!sim->finished() && sim->now() < t) {
            kernel::SimTime stop = std::min(t, sampler->next_sample());
            if (armed_id >= 0) stop = std::min(stop, checkpoint_stop());
            sim->advance_to(stop);
            sample_if_due();
            if (armed_id >= 0 && checkpoint_due()) {
                reach_checkpoint();
                return;
            }
        }
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
            while (playing && !sim->finished() && sim->now() < target && Clock::now() < budget_end)
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

    void step_event() {
        if (!sim) return;
        stop_playing();
        sim->step();
        sample_if_due();
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
            sim->step();
            sample_if_due();
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
        if (apply_live_edit(sim->world(), edited, &why)) {
            // A live edit applies to a re-run the same way (seek_back).
            remember([edited](Impl& i) {
                std::string ignored;
                apply_live_edit(i.sim->world(), edited, &ignored);
                i.scenario = edited;
                i.builder = std::make_unique<FrameBuilder>(edited);
            });
            scenario = edited;
            revision = rev;
            builder = std::make_unique<FrameBuilder>(edited);
            message = "Applied to the running engine";
            publish();
            return;
        }
        const bool was_playing = playing;
        load(edited, rev, "Restarted: " + why);
        if (was_playing) start_playing();
    }

    void set_fault(const model::Fault& fault, bool on) {
        if (!sim) return;
        sim->world().inject_fault(fault, on);
        remember([fault, on](Impl& i) { i.sim->world().inject_fault(fault, on); });
        message = std::string(on ? "Injected " : "Healed ") + model::to_string(fault.kind) +
                  " on " + fault.target;
        if (sim->finished()) message += ": the run has ended, Continue to see the effect";
        publish();
    }

    void extend(double seconds) {
        if (!sim) return;
        sim->extend(seconds);
        remember([seconds](Impl& i) { i.sim->extend(seconds); });
        char text[96];
        std::snprintf(text, sizeof text, "Continued: clients send until %.1f s",
                      kernel::to_s(sim->now()) + std::max(0.0, seconds));
        message = text;
        publish();
    }

    void redrive(const std::string& dlq_id) {
        if (!sim) return;
        const auto moved = sim->redrive_dead_letters(dlq_id);
        remember([dlq_id](Impl& i) { i.sim->redrive_dead_letters(dlq_id); });
        message = "Redrove " + std::to_string(moved) + " dead letters from " + dlq_id;
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
    struct LiveInput {
        kernel::SimTime at;
        std::function<void(Impl&)> effect;
    };
    std::vector<LiveInput> inputs;
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
        if (i->sim) i->load(i->scenario, i->revision);
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

void LiveRunner::seek_back(double virtual_seconds) {
    impl_->post([i = impl_.get(), virtual_seconds] { i->seek_back(virtual_seconds); });
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
