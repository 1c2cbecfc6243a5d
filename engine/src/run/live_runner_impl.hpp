#pragma once
// LiveRunner's engine-thread state (private to the engine). Everything in Impl runs on
// the engine thread; LiveRunner's public methods post a named Impl method to it. The
// methods are defined by concern:
//   live_runner.cpp            the public API, load/start, publishing frames, errors
//   live_runner_transport.cpp  play, pause, steps, run_for, ticks, lesson checkpoints
//   live_runner_inputs.cpp     live edits, faults, redrives and extensions, recorded
//   live_runner_seek.cpp       seek_to: deterministic re-execution from time 0

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "flowlab/run/live_runner.hpp"
#include "flowlab/runtime/simulation.hpp"
#include "run/chart_sampler.hpp"
#include "run/frame_builder.hpp"
#include "run/live_observer.hpp"

namespace flowlab::run {

namespace asio = boost::asio;

struct LiveRunner::Impl {
    using Clock = std::chrono::steady_clock;
    /// The charts' window and sample interval (the live view's; a seek rebuilds them).
    static constexpr double chart_window_s = 60.0;
    static constexpr double chart_interval_s = 0.5;
    static constexpr auto tick_period = std::chrono::milliseconds(16);
    /// At "as fast as possible", a frame at least this often.
    static constexpr auto fast_slice_budget = std::chrono::milliseconds(15);

    /// The metric paths the lesson watches (the chart sampler keeps their history).
    static std::vector<std::string> watched_metrics(const model::Scenario& s);

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

    // ---- loading and errors (live_runner.cpp) ----
    void fail(const std::string& what);
    void load(const model::Scenario& s, std::uint64_t rev, std::string why = {});

    /// A fresh simulation of `s` at time 0 (what load and seek_to share).
    void start(const model::Scenario& s, std::uint64_t rev);

    // ---- recorded inputs and the seek (live_runner_inputs.cpp, live_runner_seek.cpp) ----
    kernel::SimTime next_input_time() const;

    /// Applies the recorded inputs whose time has come (the recorded future, as the run
    /// passes it). `quiet`: during a seek, whose own message says what happened.
    void apply_due_inputs(bool quiet = false);

    /// Applies a live input now (unless `applied_already`: a live edit) and records it.
    /// Given in the past (before the furthest time reached), it forks the run: the old
    /// future is kept as the abandoned one.
    void give(model::RecordedInput input, bool applied_already = false);
    void update_recorded();

    /// `say`: a status message (the back key says where it went; the timeline shows it).
    void seek_to(double seconds, bool say = false);

    /// The grid point (a chart sample time) from which the charts' window at `target` can
    /// be rebuilt: one more interval than the window holds, so that the first point after
    /// it (which lacks the interval before) has slid out of the window by `target`.
    static kernel::SimTime chart_rebuild_from(kernel::SimTime target);

    /// Re-runs from 0 to `target` with the same inputs. Up to where the charts' window
    /// starts the engine runs as a batch run (no live view: no hops, no samples), which is
    /// what makes a seek in a long run fast; from there on as a live run.
    void replay_to(kernel::SimTime target);

    /// Runs to `t` without the live view, applying inputs on the way, then attaches a fresh
    /// observer and chart sampler there. False when the run ends before `t`.
    bool fast_forward(kernel::SimTime t);

    // ---- advancing the run (live_runner_transport.cpp) ----
    /// Where the token window of a final frame starts (see LiveRunner::run_for).
    void start_token_window();

    /// Advances to `t`, applying recorded inputs on the way, stopping early (and pausing)
    /// at the armed checkpoint.
    void advance_to(kernel::SimTime t);

    // ---- lesson checkpoints and the transport (live_runner_transport.cpp) ----
    /// The next time the armed checkpoint must be looked at: its at_s, or the next tick of
    /// the check grid for its `when`.
    kernel::SimTime checkpoint_stop() const;

    /// At a stop of checkpoint_stop(): whether the checkpoint is reached there.
    bool checkpoint_due() const;

    /// `report`: the report of now, when the caller has it already.
    void reach_checkpoint(std::shared_ptr<const boost::json::object> report = nullptr);
    void arm_checkpoint(int id, const Checkpoint& checkpoint);
    void disarm_checkpoint();
    void run_to_checkpoint();
    void sample_if_due();
    void tick();
    void schedule_tick();
    void start_playing();

    /// Every way of stopping (pause, step, end of run, target reached) clears the target.
    void stop_playing();
    void pause();
    void toggle_play();

    /// One event, or the recorded input due before the next event.
    void step_once();
    void step_event();
    std::uint64_t hops_so_far() const;
    void step_hop();
    void run_for(double virtual_seconds);
    void set_speed(double x);

    // ---- live inputs, each recorded (live_runner_inputs.cpp) ----
    void apply_edit(const model::Scenario& edited, std::uint64_t rev);
    void set_fault(const model::Fault& fault, bool on);
    void extend(double seconds);
    void redrive(const std::string& dlq_id);

    // ---- frames ----
    /// Builds the frame of now and hands it to the UI (checkpoints are judged here too).
    void publish();

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

}  // namespace flowlab::run
