#pragma once
/// One run of a scenario: the public face of the engine.
///
/// Batch runs call run_to_end() and report(); LiveRunner advances it in slices of
/// virtual time and reads views between slices. Nothing here is thread-safe: a
/// Simulation belongs to the thread that runs it.

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/model/scenario.hpp"
#include "flowlab/runtime/observer.hpp"

namespace flowlab::runtime {

class World;

/// Every arrival time of one client, folded into a hash: two runs whose fingerprints
/// match saw the same arrivals at the same nanoseconds (up to a 2^-64 collision). What
/// `flowlab-cli compare` reports as `same_arrivals`, measured rather than assumed.
struct ArrivalFingerprint {
    std::uint64_t count = 0;
    std::uint64_t hash = 0xcbf29ce484222325ULL;  ///< FNV-1a offset basis: no arrival yet

    /// Folds one arrival at virtual time `t_ns` in (FNV-1a over its eight bytes).
    void add(std::int64_t t_ns) {
        auto bits = static_cast<std::uint64_t>(t_ns);
        for (int i = 0; i < 8; ++i, bits >>= 8) hash = (hash ^ (bits & 0xffu)) * 0x100000001b3ULL;
        ++count;
    }
    bool operator==(const ArrivalFingerprint&) const = default;
};

struct SimulationOptions {
    std::optional<std::uint64_t> seed;     ///< overrides the file's seed
    std::optional<double> duration_s;      ///< overrides run.duration_s / run.requests
    std::optional<std::int64_t> requests;  ///< overrides run.requests / run.duration_s
};

class Simulation {
public:
    /// The scenario must be valid (model::validate finds nothing).
    explicit Simulation(const model::Scenario& scenario, const SimulationOptions& options = {});
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    /// Runs until every request and message is accounted for (or the drain limit).
    void run_to_end();
    /// Runs events up to virtual time `t`; returns false once the run has finished.
    bool advance_to(kernel::SimTime t);
    /// Runs exactly one event; returns false once the run has finished.
    bool step();
    bool finished() const;

    kernel::SimTime now() const;
    kernel::SimTime next_event_time() const;
    std::uint64_t events_processed() const;
    /// Requests currently in flight (for the memory benchmark and the live view).
    std::uint64_t requests_in_flight() const;
    /// Bytes held by the engine's event calendar and entity pools.
    std::size_t engine_bytes() const;

    /// The report (`flowlab-report/1`) as of now, without "perf".
    boost::json::object report() const;

    /// Each client's arrivals so far, by client id. Kept out of the report: a hash is
    /// no figure for a student, and adding it would change every report.
    std::map<std::string, ArrivalFingerprint> arrival_fingerprints() const;

    /// Moves every message held by the DLQ `dlq_id` back to the queue or topic it came
    /// from (for the app's "redrive" action); returns how many moved.
    std::uint64_t redrive_dead_letters(const std::string& dlq_id);

    /// Continues the run: clients send for `seconds` more from now, then the run drains
    /// and ends as usual (for the app's "Continue" past the scenario's duration).
    void extend(double seconds);

    /// Installs live-view hooks (or nullptr to remove them).
    void set_observer(Observer* observer);

    /// Internal state, for the live runner's views and white-box tests.
    World& world();
    const World& world() const;

private:
    std::unique_ptr<World> world_;
    bool started_ = false;
    void ensure_started();
};

}  // namespace flowlab::runtime
