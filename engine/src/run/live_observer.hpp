#pragma once
// Collects what the live view needs between two frames: hops (tokens) and request
// ends. Bounded: at high speed millions of hops happen between frames, so it keeps a
// deterministic sample of at most `cap` hops and counts the rest per edge.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "flowlab/runtime/observer.hpp"

namespace flowlab::run {

class LiveObserver final : public runtime::Observer {
public:
    explicit LiveObserver(std::size_t edges, std::size_t cap = 1500)
        : hops_per_edge(edges), failed_per_edge(edges), cap_(cap) {}

    void on_hop(const runtime::Hop& hop) override {
        in_flight_.push_back(hop);
        if (in_flight_.size() >= prune_at_) forget_arrived(hop.sent);
        ++hops_per_edge[hop.edge];
        if (hop.failed) ++failed_per_edge[hop.edge];
        ++seen_;
        if (tokens.size() < cap_) {
            tokens.push_back(hop);
            return;
        }
        // Reservoir sampling with a fixed linear congruential sequence: every hop since
        // the last frame has the same chance to be drawn, and runs stay reproducible.
        lcg_ = lcg_ * 6364136223846793005ULL + 1442695040888963407ULL;
        std::uint64_t slot = (lcg_ >> 33) % seen_;
        if (slot < cap_) tokens[slot] = hop;
    }
    void on_request_end(const runtime::RequestEnd& end) override { ends.push_back(end); }

    /// Forgets hops that ended before `t` (keeps those still in flight), resets counts.
    void start_frame(kernel::SimTime t) {
        std::vector<runtime::Hop> alive;
        for (const auto& h : tokens)
            if (h.arrives >= t) alive.push_back(h);
        tokens.swap(alive);
        seen_ = tokens.size();
        std::fill(hops_per_edge.begin(), hops_per_edge.end(), 0);
        std::fill(failed_per_edge.begin(), failed_per_edge.end(), 0);
    }

    /// Restarts the tokens from exactly the hops in flight at `t` (in the order they
    /// started) and restarts the sampling sequence: the tokens of a frame published after
    /// this are then a function of virtual time alone, the same whether the run got there
    /// straight or by a seek (LiveRunner).
    void restart_window(kernel::SimTime t) {
        forget_arrived(t);
        tokens.assign(in_flight_.begin(), in_flight_.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                                   in_flight_.size(), cap_)));
        seen_ = tokens.size();
        lcg_ = lcg_start;
        std::fill(hops_per_edge.begin(), hops_per_edge.end(), 0);
        std::fill(failed_per_edge.begin(), failed_per_edge.end(), 0);
    }

    std::vector<runtime::Hop> tokens;
    std::vector<runtime::RequestEnd> ends;  // drained by the sampler
    std::vector<std::uint64_t> hops_per_edge, failed_per_edge;

private:
    /// Drops the hops that arrived before `t` from the exact list of those in flight (kept
    /// apart from the sample, which a frame's timing decides), and sets when to look again.
    void forget_arrived(kernel::SimTime t) {
        std::erase_if(in_flight_, [t](const runtime::Hop& h) { return h.arrives < t; });
        prune_at_ = std::max<std::size_t>(256, 2 * in_flight_.size());
    }

    static constexpr std::uint64_t lcg_start = 0x2545F4914F6CDD1DULL;
    std::vector<runtime::Hop> in_flight_;
    std::size_t prune_at_ = 256;
    std::size_t cap_;
    std::uint64_t seen_ = 0;
    std::uint64_t lcg_ = lcg_start;
};

}  // namespace flowlab::run
