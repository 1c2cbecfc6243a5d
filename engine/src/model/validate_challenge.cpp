// The challenge's cross references and values: locked ids name nodes (once), goal bounds
// are finite, and the texts can be saved. Goal metrics are checked against a report in
// run::check_metric_paths.
#include <cmath>
#include <set>

#include "model/validate_checker.hpp"

namespace flowlab::model::detail {

namespace {

void check_goals(Checker& c, const Challenge& ch) {
    for (std::size_t i = 0; i < ch.goals.size(); ++i) {
        const Goal& g = ch.goals[i];
        const std::string path = json::path_index("challenge.goals", i);
        if (!c.trusted(path)) continue;
        if (g.min && !std::isfinite(*g.min)) c.error(path + ".min", "must be a finite number");
        if (g.max && !std::isfinite(*g.max)) c.error(path + ".max", "must be a finite number");
        if (g.metric.empty() && c.trusted(path + ".metric"))
            c.error(path + ".metric", "must name a metric path, e.g. \"clients.web.availability\"");
    }
}

void check_locked(Checker& c, const Challenge& ch) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < ch.locked.size(); ++i) {
        const std::string path = json::path_index("challenge.locked", i);
        const std::string& id = ch.locked[i];
        if (!seen.insert(id).second)
            c.error(path, "'" + id + "' is locked twice");
        else if (c.ids_known && c.node_index(id) < 0)
            c.error(path, "no node with id '" + id + "'" + c.id_hint(id));
    }
}

void check_challenge_text(Checker& c, const Challenge& ch) {
    if (!json::valid_utf8(ch.brief)) c.error("challenge.brief", "is not valid UTF-8 text");
    for (std::size_t i = 0; i < ch.hints.size(); ++i)
        if (!json::valid_utf8(ch.hints[i]))
            c.error(json::path_index("challenge.hints", i), "is not valid UTF-8 text");
}

}  // namespace

void check_challenge(Checker& c) {
    if (!c.s.challenge || !c.trusted("challenge")) return;
    check_goals(c, *c.s.challenge);
    check_locked(c, *c.s.challenge);
    check_challenge_text(c, *c.s.challenge);
}

}  // namespace flowlab::model::detail
