// Rate limiter nodes: a token bucket in front of a callee. A call that finds a whole
// token takes it and goes on at once; one that finds none is answered 429 at once
// (Reason::rate_limited), so the overload turns into fast refusals instead of a queue.

#include "runtime/proxy_nodes.hpp"

namespace flowlab::runtime {

void ProxyNodes::limiter_call(Id node, Ref call, std::uint32_t attempt) {
    LimiterRt& l = *limiters_[node];
    const bool measured = w_.measuring();
    if (!l.bucket.take(w_.now())) {
        if (measured) ++l.rejected;
        w_.answer_at_once(node, call, attempt, Outcome::failed, Reason::rate_limited);
        return;
    }
    if (measured) ++l.admitted;
    w_.nodes[node].in_system_level.add(w_.now(), +1);
    w_.perform_outgoing(w_.create_invocation(node, w_.now(), call, attempt));
}

}  // namespace flowlab::runtime
