#pragma once
/// Parameter paths: one parameter of a scenario, named the way the file writes it.
///
///     nodes.<node>.<key>[.<field>]   <node>: the node's id, or its position in "nodes"
///     edges.<edge>.<key>[.<field>]   <edge>: FROM->TO (the first such edge), or its position
///     run.<key>, trace.<key>         the run and trace settings
///
/// `<field>` names a field of a group parameter (`retry.max_attempts`). The CLI's
/// `sweep --set`, the app's inspector and its document all resolve names here, so a
/// path means the same thing everywhere.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "flowlab/model/scenario.hpp"
#include "flowlab/model/schema.hpp"

namespace flowlab::model {

/// The element of `nodes` or `edges` (`array`) that `segment` names: a position
/// (digits), else in `edges` a FROM->TO (the first such edge), else in `nodes` an id.
/// nullopt with `why` saying what is there, e.g. "'nodes' has no element with id 'dbx'
/// (there: web, api, db)".
std::optional<std::size_t> find_element(const Scenario& scenario, std::string_view array,
                                        std::string_view segment, std::string* why = nullptr);

/// A parameter a path resolved to: what it is, and how to read or change it.
class ParamAt {
public:
    const ParamInfo& info() const;
    /// Its value in `scenario` (the one the path was resolved in, or a copy of it).
    ParamValue get(const Scenario& scenario) const;
    /// Stores `value`; check it first (check_param(info(), value)) unless it is a group.
    void set(Scenario& scenario, const ParamValue& value) const;

private:
    friend std::optional<ParamAt> find_param(const Scenario&, std::string_view, std::string*);
    using Which =
        std::variant<const NodeParam*, const EdgeParam*, const RunParam*, const TraceParam*>;
    ParamAt(Which param, std::size_t index) : param_(param), index_(index) {}
    Which param_;
    std::size_t index_ = 0;  ///< the node or edge (unused for run and trace)
};

/// The parameter `path` names in `scenario`, or nullopt with `why`.
std::optional<ParamAt> find_param(const Scenario& scenario, std::string_view path,
                                  std::string* why = nullptr);

/// Every node and edge parameter whose value differs from `before` to `after` (the same
/// topology), as paths and new values in file order: what a live edit changed, for a
/// recording's `set`. A group added gives its fields, a group removed gives `false`.
std::vector<std::pair<std::string, ParamValue>> param_changes(const Scenario& before,
                                                              const Scenario& after);

/// The path that names edge `index` (FROM->TO, or its position when an earlier edge joins
/// the same two nodes).
std::string edge_path(const Scenario& scenario, std::size_t index);

}  // namespace flowlab::model
