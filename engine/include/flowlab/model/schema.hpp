#pragma once
/// The parameters each part of a scenario accepts: key, type, default, range, meaning.
///
/// One table drives the parser, the validator, the writer and the GUI inspector, so a
/// parameter added here is read, checked, saved and editable everywhere at once.
/// `id`, `kind` and `label` of a node, `from`/`to`/`mode` of an edge and `target`/`fault`
/// of a fault are identity, not parameters, and are not listed.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "flowlab/model/scenario.hpp"

namespace flowlab::model {

/// How a parameter is written in a file and edited in the inspector.
enum class ParamType {
    number,            ///< double
    integer,           ///< std::int64_t (an integer literal in the file)
    boolean,           ///< bool
    choice,            ///< std::string, one of ParamInfo::choices
    distribution,      ///< Distribution: a number (constant) or {"dist": ...}
    optional_number,   ///< double, or std::monostate when absent (see ParamInfo::absent)
    optional_integer,  ///< std::int64_t, or std::monostate when absent
    group,             ///< an optional object of sub-parameters: bool "present" + Param::fields
    node_ref,          ///< std::string: the id of another node ("" = absent, see ParamInfo::absent)
};

/// What a parameter is, independent of where it is stored.
struct ParamInfo {
    std::string key;  ///< as written in the file: "threads", "query_ms"
    ParamType type = ParamType::number;
    ParamValue default_value;   ///< group: bool false (absent)
    std::optional<double> min;  ///< inclusive unless min_exclusive
    bool min_exclusive = false;
    std::optional<double> max;         ///< inclusive
    std::vector<std::string> choices;  ///< choice: the accepted strings, in display order
    bool required = false;             ///< must be written in the file (and is always saved)
    std::string absent;                ///< optional and group types: what leaving it out means
    std::string description;           ///< one line for tooltips and docs
    /// The C++ member it is stored in. Kinds may name one member differently
    /// (database `connections` is Node::threads), so checks compare fields by this.
    std::string field;
};

/// A parameter with accessors on the struct that stores it (Node, Edge, Fault, ...).
template <class Owner>
struct Param : ParamInfo {
    /// Current value; a group gives bool (present), its fields give their defaults when absent.
    std::function<ParamValue(const Owner&)> get;
    /// Stores a value of the type's alternative (int64 and double convert to each other).
    /// Setting a group field creates the group; setting a group to false removes it.
    std::function<void(Owner&, const ParamValue&)> set;
    std::vector<Param<Owner>> fields;  ///< group only: its sub-parameters
};

/// A run is at most this many client requests, whether counted (`run.requests`,
/// `flowlab-cli --requests`) or expected (the clients' summed `rate_per_s` times the
/// duration). At the engine's 2-8 M requests/s (docs/performance.md) that is minutes of
/// computing; the 1e12 once allowed would be days, and an overloaded run holds its backlog
/// in memory, so far more requests end in bad_alloc before they end.
inline constexpr std::int64_t max_run_requests = 1'000'000'000;
/// Consumer nodes in one scenario: a consumer's pending work names it in 16 bits.
inline constexpr std::size_t max_consumer_nodes = 65535;
/// Outgoing sync and async edges of one node: an invocation counts its open calls, plus
/// one for itself, in 16 bits.
inline constexpr std::size_t max_outgoing_edges = 65534;

using NodeParam = Param<Node>;
using EdgeParam = Param<Edge>;
using FaultParam = Param<Fault>;
using RunParam = Param<RunSettings>;
using TraceParam = Param<TraceSettings>;

/// Parameters of a node kind, in the order they are saved and shown (empty for dlq).
const std::vector<NodeParam>& node_params(NodeKind kind);
/// Parameters of an edge, for every mode; see edge_param_applies for which mode takes which.
const std::vector<EdgeParam>& edge_params();
/// Parameters of a fault: at_s, for_s, then the fault's own ones (extra_ms, factor, ...).
const std::vector<FaultParam>& fault_params(FaultKind kind);
/// `run` settings: duration_s, requests (exactly one is set), warmup_s, drain_s.
const std::vector<RunParam>& run_params();
/// `trace` settings: propagate, sample.
const std::vector<TraceParam>& trace_params();

/// The parameter of `kind` with this key, or nullptr.
const NodeParam* find_node_param(NodeKind kind, std::string_view key);
const EdgeParam* find_edge_param(std::string_view key);
const FaultParam* find_fault_param(FaultKind kind, std::string_view key);

/// Why edge parameter `key` does not apply to an edge of this mode (into `to_kind`,
/// when known), or "" when it does. E.g. `keys` only applies to async edges into a topic.
std::string edge_param_restriction(std::string_view key, EdgeMode mode,
                                   std::optional<NodeKind> to_kind = std::nullopt);
inline bool edge_param_applies(std::string_view key, EdgeMode mode,
                               std::optional<NodeKind> to_kind) {
    return edge_param_restriction(key, mode, to_kind).empty();
}

/// Whether a fault of this kind can target a node of that kind (the spec's fault table).
bool fault_applies_to(FaultKind fault, NodeKind target);
/// The node kinds a fault applies to, for messages and menus.
std::vector<NodeKind> fault_targets(FaultKind fault);

/// File names of the enums, in declaration order; parse_* return nullopt for unknown text.
const std::vector<std::string>& node_kind_names();
const std::vector<std::string>& edge_mode_names();
const std::vector<std::string>& fault_kind_names();
std::optional<NodeKind> parse_node_kind(std::string_view text);
std::optional<EdgeMode> parse_edge_mode(std::string_view text);
std::optional<FaultKind> parse_fault_kind(std::string_view text);

/// One problem with a parameter value. `subpath` is "" for the value itself, or a suffix
/// such as ".p99_ms" for a distribution's key.
struct ParamProblem {
    std::string subpath;
    std::string message;  ///< "must be an integer >= 1, got -2"
};

/// Checks a value against its type, range and choices (not groups: check their fields).
std::vector<ParamProblem> check_param(const ParamInfo& info, const ParamValue& value);

/// What a value must be, for messages: "an integer >= 1", "a number between 0 and 1".
std::string describe_expected(const ParamInfo& info);

/// A value as it would appear in a file: 8, 0.5, "fifo", true, {"dist": ...}; "none" if absent.
std::string format_param_value(const ParamValue& value);

/// A double in the shortest form that reads back exactly ("60", "0.1", "1e+20").
std::string format_number(double value);

}  // namespace flowlab::model
