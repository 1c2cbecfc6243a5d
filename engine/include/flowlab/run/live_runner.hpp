#pragma once
/// Runs a simulation on its own thread, paced to the wall clock, for the GUI.
///
/// Commands (play, pause, step, speed, edits, faults) are posted into the engine
/// thread's io_context; frames come out through `latest_frame()` (lock-protected
/// pointer swap) and an optional callback invoked on the engine thread after each new
/// frame (the UI turns it into a queued signal). The UI thread never waits on the
/// engine: every call here returns at once.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"
#include "flowlab/run/lesson_steps.hpp"

namespace flowlab::run {

/// The virtual seconds of hops a frame at the end of run_for or seek_to shows as tokens.
inline constexpr double token_window_s = 1.0;

class LiveRunner {
public:
    using FrameCallback = std::function<void()>;

    /// Starts the engine thread (idle until load()).
    explicit LiveRunner(FrameCallback on_frame = {});
    ~LiveRunner();
    LiveRunner(const LiveRunner&) = delete;
    LiveRunner& operator=(const LiveRunner&) = delete;

    /// Replaces the scenario and resets the run to time 0, paused. `revision` is the
    /// document revision the scenario comes from; every frame carries the latest one.
    /// The scenario's `recording` becomes the run's recorded future: each input applies
    /// when the run reaches its time.
    void load(const model::Scenario& scenario, std::uint64_t revision = 0);
    void play();
    void pause();
    void toggle_play();
    /// Runs exactly one event (paused).
    void step_event();
    /// Runs until the next token hop starts (a message or request moves), paused.
    void step_hop();
    /// Back to time 0 with the current scenario, paused.
    void reset();
    /// Runs as fast as possible until `virtual_seconds` more have passed, then pauses;
    /// stops at the end of the run if that comes first. Pause and step cancel it. The
    /// frame at the target shows the hops of the last token_window_s before it, so that
    /// it does not depend on how fast the machine got there.
    void run_for(double virtual_seconds);
    /// Pauses the run the first time `checkpoint` is reached from now on (whether playing,
    /// running for a while or stepping): exactly at its at_s, or at the first published
    /// frame or check tick (run::condition_check_interval_s) where its `when` holds. One is
    /// armed at a time; arming another replaces it, arming the same id again changes
    /// nothing. Frames carry the armed id and the last reached one (Frame::checkpoint_*);
    /// load and reset forget both.
    void arm_checkpoint(int id, const Checkpoint& checkpoint);
    void disarm_checkpoint();
    /// Runs as fast as possible until the armed checkpoint or the end of the run (with no
    /// checkpoint armed: to the end). Pause and step cancel it.
    void run_to_checkpoint();
    /// Lets the run go on past its duration: the clients send for `seconds` more from now,
    /// then the run drains and ends as any run does. Paused or playing stays so; a run
    /// that had ended is paused, and play() continues it.
    void extend(double seconds);
    /// Goes to virtual time `seconds` (0 to the furthest time this run has reached,
    /// Frame::recorded_until_s): re-runs the scenario the run started from, with its seed,
    /// and applies the live inputs (faults, live edits, redrives, continues) at the
    /// virtual times they took effect. The engine is deterministic, so this is the same
    /// run as before, and the frame published is the one a straight run_for to that time
    /// publishes (an input given right after a single-event step lands after the other
    /// events of that instant). Inputs after the new time are the recorded future: they
    /// apply again when the run passes them, until a new input forks the run (the old
    /// future is kept in Frame::abandoned_run). Keeps playing if it was. A seek overtaken
    /// by a later one before it started is skipped (a drag asks for many).
    void seek_to(double seconds);
    /// seek_to(now - virtual_seconds), at 0 at most.
    void seek_back(double virtual_seconds);
    /// Virtual seconds per wall second: 0.1 to 1000; 0 means as fast as possible.
    void set_speed(double speed);

    /// An edited scenario while running. Parameter changes apply to the running
    /// engine; adding consumers/deliver edges applies live where the engine supports
    /// it; other structural changes restart the run and say so in Frame::message.
    void apply_edit(const model::Scenario& edited, std::uint64_t revision = 0);

    /// Starts (on) or heals (off) a fault now, on node `target`; a fault started with
    /// `for_s` heals itself that long after now. After the end of the run the fault is
    /// in force but nothing runs: Frame::message says to continue (extend()).
    void set_fault(const model::Fault& fault, bool on);

    /// Moves the dead letters held by DLQ `dlq_id` back to their queue or topic.
    void redrive(const std::string& dlq_id);

    /// The newest frame (never null after construction).
    std::shared_ptr<const Frame> latest_frame() const;

    /// Blocks until the engine thread has handled every command posted so far (a
    /// run_for included, which ends at its target or the end of the run) and published
    /// a frame (for tests and --screenshot; never call it from paint code).
    void sync();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace flowlab::run
