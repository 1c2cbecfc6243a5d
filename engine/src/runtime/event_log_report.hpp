#pragma once
// Report figures of retained logs (event_log_report.cpp).

#include <boost/json/object.hpp>

#include <vector>

#include "runtime/async_nodes.hpp"

namespace flowlab::runtime {
struct AsyncNodeView;
}

namespace flowlab::runtime {

class World;

/// Adds retention, per-partition offsets and per-group reading figures to topic `t`'s
/// section `o` (which already has its partitions and groups).
void add_retention_report(const TopicRt& t, const World& w, boost::json::object& o);
/// Fills the live view's log figures of topic `t` (offsets summed over partitions).
void add_log_view(const TopicRt& t, AsyncNodeView& view);
/// Adds replayed and expired-or-skipped copies to the conservation section `c` and
/// corrects its `lost`, when some topic keeps a log (or a reset skipped something).
void add_retention_conservation(const std::vector<TopicRt>& topics, boost::json::object& c);

}  // namespace flowlab::runtime
