// LiveRunner: the engine on its own thread, paced to the wall clock.
//
// Three clocks stay apart (as in OMNeT++'s Qtenv): wall time paces the ticks, virtual
// time advances by speed x wall time, and the UI animates tokens from the virtual
// times in each frame. Everything below `Impl` runs on the engine thread except the
// public methods, which only post work to it.

#include "flowlab/run/live_runner.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "flowlab/runtime/simulation.hpp"
#include "run/chart_sampler.hpp"
#include "run/frame_builder.hpp"
#include "run/live_edit.hpp"
#include "run/live_observer.hpp"
#include "runtime/world.hpp"

namespace flowlab::run {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

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

    template <class F>
    void post(F f) {
        asio::post(io, std::move(f));
    }

    // ---- engine thread ----
    void load(const model::Scenario& s, std::string why = {}) {
        scenario = s;
        sim = std::make_unique<runtime::Simulation>(scenario);
        observer = std::make_unique<LiveObserver>(scenario.edges.size());
        sim->set_observer(observer.get());
        sim->advance_to(0);  // starts the run: arrivals and faults get scheduled
        sampler = std::make_unique<ChartSampler>(sim->world(), 60.0, 0.5);
        builder = std::make_unique<FrameBuilder>(scenario);
        playing = false;
        run_target = -1;
        message = std::move(why);
        publish();
    }

    void advance_to(kernel::SimTime t) {
        while (!sim->finished() && sim->now() < t) {
            kernel::SimTime stop = std::min(t, sampler->next_sample());
            sim->advance_to(stop);
            if (sim->now() >= sampler->next_sample()) sampler->sample(sim->world(), *observer);
        }
    }

    void tick() {
        if (!sim || !playing) return;
        const auto wall_now = Clock::now();
        const double wall_dt = std::min(0.1, std::chrono::duration<double>(wall_now - last_wall).count());
        last_wall = wall_now;
        if (speed <= 0 || run_target >= 0) {
            // As fast as possible, but publish a frame every ~15 ms of wall time.
            const auto budget_end = wall_now + std::chrono::milliseconds(15);
            const kernel::SimTime target = run_target >= 0 ? run_target : kernel::never;
            while (!sim->finished() && sim->now() < target && Clock::now() < budget_end)
                advance_to(std::min(target, sim->now() + kernel::from_ms(20)));
            if (run_target >= 0 && sim->now() >= run_target) {
                run_target = -1;
                playing = false;
            }
        } else {
            advance_to(sim->now() + kernel::from_s(wall_dt * speed));
        }
        if (sim->finished()) playing = false;
        publish();
        schedule_tick();
    }

    void schedule_tick() {
        if (!playing) return;
        timer.expires_after(std::chrono::milliseconds(16));
        timer.async_wait([this](const boost::system::error_code& ec) {
            if (!ec) tick();
        });
    }

    void start_playing() {
        if (!sim || sim->finished()) return;
        if (playing) return;
        playing = true;
        last_wall = Clock::now();
        schedule_tick();
    }

    void publish() {
        auto frame = std::make_shared<Frame>();
        if (sim) {
            builder->build(sim->world(), *observer, *frame);
            sampler->copy_into(*frame);
            observer->start_frame(sim->now());
        }
        frame->speed = speed;
        frame->running = playing;
        frame->message = message;
        {
            std::lock_guard lock(mutex);
            latest = std::move(frame);
        }
        if (on_frame) on_frame();
    }

    FrameCallback on_frame;
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> guard;
    asio::steady_timer timer;
    std::thread thread;

    model::Scenario scenario;
    std::unique_ptr<runtime::Simulation> sim;
    std::unique_ptr<LiveObserver> observer;
    std::unique_ptr<ChartSampler> sampler;
    std::unique_ptr<FrameBuilder> builder;
    bool playing = false;
    double speed = 1.0;
    kernel::SimTime run_target = -1;
    Clock::time_point last_wall;
    std::string message;

    mutable std::mutex mutex;
    std::shared_ptr<const Frame> latest;
};

LiveRunner::LiveRunner(FrameCallback on_frame) : impl_(std::make_unique<Impl>(std::move(on_frame))) {}
LiveRunner::~LiveRunner() = default;

void LiveRunner::load(const model::Scenario& scenario) {
    impl_->post([i = impl_.get(), scenario] { i->load(scenario); });
}

void LiveRunner::play() {
    impl_->post([i = impl_.get()] { i->start_playing(); });
}

void LiveRunner::pause() {
    impl_->post([i = impl_.get()] {
        i->playing = false;
        i->run_target = -1;
        i->publish();
    });
}

void LiveRunner::toggle_play() {
    impl_->post([i = impl_.get()] {
        if (i->playing) {
            i->playing = false;
            i->publish();
        } else {
            i->start_playing();
        }
    });
}

void LiveRunner::step_event() {
    impl_->post([i = impl_.get()] {
        if (!i->sim) return;
        i->playing = false;
        i->sim->step();
        if (i->sim->now() >= i->sampler->next_sample()) i->sampler->sample(i->sim->world(), *i->observer);
        i->publish();
    });
}

void LiveRunner::step_hop() {
    impl_->post([i = impl_.get()] {
        if (!i->sim) return;
        i->playing = false;
        // Run until something starts moving along an edge (bounded, in case nothing will).
        std::uint64_t before = 0;
        for (auto c : i->observer->hops_per_edge) before += c;
        for (int n = 0; n < 1'000'000 && !i->sim->finished(); ++n) {
            i->sim->step();
            if (i->sim->now() >= i->sampler->next_sample()) i->sampler->sample(i->sim->world(), *i->observer);
            std::uint64_t after = 0;
            for (auto c : i->observer->hops_per_edge) after += c;
            if (after > before) break;
        }
        i->publish();
    });
}

void LiveRunner::reset() {
    impl_->post([i = impl_.get()] {
        if (i->sim) i->load(i->scenario);
    });
}

void LiveRunner::set_speed(double speed) {
    impl_->post([i = impl_.get(), speed] {
        i->speed = speed <= 0 ? 0.0 : std::clamp(speed, 0.1, 1000.0);
        i->publish();
    });
}

void LiveRunner::run_for(double virtual_seconds) {
    impl_->post([i = impl_.get(), virtual_seconds] {
        if (!i->sim) return;
        i->run_target = i->sim->now() + kernel::from_s(virtual_seconds);
        if (i->playing) return;
        i->playing = true;
        i->last_wall = Clock::now();
        i->schedule_tick();
    });
}

void LiveRunner::apply_edit(const model::Scenario& edited) {
    impl_->post([i = impl_.get(), edited] {
        if (!i->sim) {
            i->load(edited);
            return;
        }
        std::string why;
        if (apply_live_edit(i->sim->world(), edited, &why)) {
            i->scenario = edited;
            i->builder = std::make_unique<FrameBuilder>(edited);
            i->message = "Applied to the running engine";
            i->publish();
            return;
        }
        const bool was_playing = i->playing;
        i->load(edited, "Restarted: " + why);
        if (was_playing) i->start_playing();
    });
}

void LiveRunner::set_fault(const model::Fault& fault, bool on) {
    impl_->post([i = impl_.get(), fault, on] {
        if (!i->sim) return;
        i->sim->world().apply_fault(fault, on);
        i->message = std::string(on ? "Injected " : "Healed ") + model::to_string(fault.kind) + " on " + fault.target;
        i->publish();
    });
}

void LiveRunner::redrive(const std::string& dlq_id) {
    impl_->post([i = impl_.get(), dlq_id] {
        if (!i->sim) return;
        const auto moved = i->sim->redrive_dead_letters(dlq_id);
        i->message = "Redrove " + std::to_string(moved) + " dead letters from " + dlq_id;
        i->publish();
    });
}

std::shared_ptr<const Frame> LiveRunner::latest_frame() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->latest;
}

void LiveRunner::sync() {
    // Wait for the current run_for (if any) to finish, then for a fresh frame.
    for (;;) {
        std::promise<bool> done;
        auto fut = done.get_future();
        impl_->post([i = impl_.get(), &done] { done.set_value(i->run_target < 0); });
        if (fut.get()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    // Every command publishes its frame before it returns on the engine thread, so a
    // barrier behind them is enough.
    std::promise<void> barrier;
    auto fut = barrier.get_future();
    impl_->post([&barrier] { barrier.set_value(); });
    fut.get();
}

}  // namespace flowlab::run
