#pragma once
// State shared by the semantic checks (validate.cpp, validate_graph.cpp,
// validate_challenge.cpp).

#include <map>
#include <set>
#include <string>
#include <vector>

#include "flowlab/model/parse.hpp"
#include "flowlab/model/schema.hpp"
#include "model/json_reader.hpp"

namespace flowlab::model::detail {

class Checker {
public:
    Checker(const Scenario& scenario, const std::set<std::string>& untrusted);

    const Scenario& s;
    std::vector<Diagnostic> out;
    /// False when some node id could not be read: then "no node with id" would be a guess.
    bool ids_known = true;
    std::vector<std::string> ids;  ///< readable ids, for "did you mean"

    bool trusted(const std::string& path) const { return untrusted_.count(path) == 0; }
    void error(std::string path, std::string message);
    /// Text is saved as is, so it must be UTF-8 for the saved file to load again.
    void text(const std::string& path, const std::string& value);
    /// Names, labels and titles are one line in tables, titles and on the canvas: UTF-8
    /// without control characters (a NUL or a line break would reach the CLI's table).
    void line(const std::string& path, const std::string& value);

    /// Index of the node that owns `id` (the first one, if duplicated), or -1.
    int node_index(const std::string& id) const;
    /// Whether node i's kind was read (a node whose kind is a typo is not judged by kind).
    bool kind_known(int i) const;
    /// " (did you mean 'db'?)" for an id that names no node.
    std::string id_hint(const std::string& id) const;

private:
    const std::set<std::string>& untrusted_;
    std::map<std::string, int> first_index_;
};

/// Range and type of every parameter (and every field of a present group).
template <class Owner>
void check_params(Checker& c, const std::string& path, const std::vector<Param<Owner>>& params,
                  const Owner& o) {
    for (const auto& p : params) {
        ParamValue v = p.get(o);
        std::string child = json::path_key(path, p.key);
        for (const auto& problem : check_param(p, v))
            c.error(child + problem.subpath, problem.message);
        if (p.type == ParamType::group && v == ParamValue(true))
            check_params(c, child, p.fields, o);
    }
}

/// Fields that belong to other kinds must keep their defaults: they are not saved, so a
/// value there would silently disappear on the next load.
template <class Owner>
void check_foreign_fields(Checker& c, const std::string& path,
                          const std::vector<const Param<Owner>*>& all,
                          const std::vector<Param<Owner>>& own, const Owner& o, const Owner& fresh,
                          const std::string& what) {
    std::set<std::string> covered;
    for (const auto& p : own) covered.insert(p.field);
    for (const auto* p : all)
        if (covered.insert(p->field).second && p->get(o) != p->get(fresh))
            c.error(json::path_key(path, p->key), "not a parameter of " + what);
}

void check_edges(Checker& c);
/// A fault's target (exists, of a kind the fault applies to) and, `with_params`, its
/// parameters: scheduled faults and those a lesson step injects; a step's `clear` has no
/// parameters of its own.
void check_fault(Checker& c, const Fault& f, const std::string& path, bool with_params);
/// `lesson.steps` (validate_lesson_steps.cpp).
void check_lesson_steps(Checker& c);
/// Read models, write_then_read clients and event-loop services (validate_consistency.cpp).
void check_consistency(Checker& c);
void check_clients_call_out(Checker& c);
void check_sync_cycles(Checker& c);
/// Each cache and rate limiter has exactly one outgoing sync edge (validate_proxies.cpp).
void check_proxies(Checker& c);
/// Orchestrator steps and compensations, consumers' failure events (validate_saga.cpp).
void check_sagas(Checker& c);
/// The challenge block (validate_challenge.cpp).
void check_challenge(Checker& c);
/// Consumer group starts and webhook edges (validate_eventlog.cpp).
void check_event_log(Checker& c);
/// A fault's event-log and webhook rules: `reset` targets, a client's `down`.
void check_event_log_fault(Checker& c, const Fault& f, const std::string& path);
/// `recording` (validate_recording.cpp).
void check_recording(Checker& c);

}  // namespace flowlab::model::detail
