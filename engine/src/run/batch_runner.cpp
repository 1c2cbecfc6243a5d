#include "flowlab/run/batch_runner.hpp"

#include "flowlab/metrics/rounding.hpp"
#include "run/recorded_input.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

namespace flowlab::run {

boost::json::object run_batch(const model::Scenario& scenario,
                              const runtime::SimulationOptions& options) {
    const auto t0 = std::chrono::steady_clock::now();
    runtime::Simulation sim(scenario, options);
    // A recorded run replays its live inputs at their times, then runs to its end.
    if (!scenario.recording.empty())
        advance_with_recording(sim, scenario, kernel::from_s(scenario.recording.back().at_s));
    sim.run_to_end();
    boost::json::object report = sim.report();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    boost::json::object perf;
    perf["events"] = sim.events_processed();
    perf["wall_s"] = metrics::round_to(wall, 6);
    perf["events_per_s"] =
        wall > 0 ? std::round(static_cast<double>(sim.events_processed()) / wall) : 0.0;
    report["perf"] = std::move(perf);
    return report;
}

boost::json::object report_at(const model::Scenario& scenario, double until_s,
                              const runtime::SimulationOptions& options) {
    runtime::Simulation sim(scenario, options);
    // Past what the nanosecond clock holds (about 292 years) is simply "to the end".
    const bool beyond_clock = until_s >= kernel::to_s(kernel::never) / 2;
    advance_with_recording(sim, scenario, beyond_clock ? kernel::never : kernel::from_s(until_s));
    return sim.report();
}

std::vector<boost::json::object> run_many(const std::vector<BatchJob>& jobs, unsigned threads) {
    std::vector<boost::json::object> results(jobs.size());
    for_each_parallel(jobs.size(), threads, [&](std::size_t i) {
        results[i] = run_batch(jobs[i].scenario, jobs[i].options);
    });
    return results;
}

void for_each_parallel(std::size_t count, unsigned threads,
                       const std::function<void(std::size_t)>& task) {
    std::atomic<std::size_t> next{0};
    std::mutex failure_mutex;
    std::exception_ptr failure;  // the first exception of any worker, rethrown to the caller
    auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            try {
                task(i);
            } catch (...) {
                std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                next = count;
            }
        }
    };
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(count)));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace flowlab::run
