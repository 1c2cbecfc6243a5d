#pragma once
// The parameter tables of the two kinds that stand in front of a server: a cache and a
// rate limiter (schema_proxy_tables.cpp), kept apart from schema_node_tables.cpp.

#include <vector>

#include "flowlab/model/schema.hpp"

namespace flowlab::model::detail {

std::vector<NodeParam> cache_params();
std::vector<NodeParam> rate_limiter_params();

}  // namespace flowlab::model::detail
