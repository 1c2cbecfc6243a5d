// Reading nodes, edges and faults. Every array entry yields one element, even a broken
// one, so that index i in the file is index i in the Scenario and validation paths agree.
#include <string_view>
#include <unordered_map>

#include "model/parse_context.hpp"

namespace flowlab::model::detail {

namespace {

/// Reads a required string member; returns "" (and untrusts it) when missing or not a string.
std::string required_string(ParseContext& ctx, const json::Value& obj, const std::string& path,
                            const char* key) {
    std::string child = json::path_key(path, key);
    const auto* v = ctx.require(obj, path, key);
    if (!v) return "";
    if (!ctx.expect(*v, json::Type::string, child, "a string")) {
        ctx.untrust(child);
        return "";
    }
    return v->text;
}

/// Reads a required enum member by its names; nullopt (and untrusted) when missing or unknown.
template <class E>
std::optional<E> required_enum(ParseContext& ctx, const json::Value& obj, const std::string& path,
                               const char* key, const std::vector<std::string>& names) {
    std::string child = json::path_key(path, key);
    const auto* v = ctx.require(obj, path, key);
    if (!v) return std::nullopt;
    if (v->type == json::Type::string)
        for (std::size_t i = 0; i < names.size(); ++i)
            if (names[i] == v->text) return static_cast<E>(i);
    std::string expected;
    for (std::size_t i = 0; i < names.size(); ++i)
        expected += (i ? ", '" : "one of '") + names[i] + "'";
    ctx.error(v->pos, child,
              "must be " + expected + ", got " + describe_json(*v) +
                  (v->type == json::Type::string ? did_you_mean(v->text, names) : ""));
    ctx.untrust(child);
    return std::nullopt;
}

/// Every key any node kind accepts, with the kinds' own keys for a field ("threads" on a
/// database is its "connections").
const NodeParam* param_of_other_kind(std::string_view key, NodeKind* kind_out) {
    for (std::size_t k = 0; k < node_kind_names().size(); ++k)
        if (const auto* p = find_node_param(static_cast<NodeKind>(k), key)) {
            *kind_out = static_cast<NodeKind>(k);
            return p;
        }
    return nullptr;
}

void parse_node(ParseContext& ctx, const json::Value& v, const std::string& path, Node& node) {
    if (!ctx.expect(v, json::Type::object, path, "an object with \"id\" and \"kind\"")) {
        ctx.untrust(json::path_key(path, "id"));
        ctx.untrust(json::path_key(path, "kind"));
        return;
    }
    std::string id = required_string(ctx, v, path, "id");
    auto kind = required_enum<NodeKind>(ctx, v, path, "kind", node_kind_names());
    node = make_node(kind.value_or(NodeKind::service), id);
    if (const auto* label = v.find("label")) {
        if (ctx.expect(*label, json::Type::string, json::path_key(path, "label"), "a string"))
            node.label = label->text;
    }
    const std::vector<std::string> identity{"id", "kind", "label"};
    if (!kind) {
        // Without a kind nobody knows which parameters apply: only flag keys no kind takes.
        NodeKind other{};
        for (const auto& m : v.members)
            if (std::find(identity.begin(), identity.end(), m.key) == identity.end() &&
                !param_of_other_kind(m.key, &other))
                ctx.unknown_key(m, path, identity);
        return;
    }
    const auto& params = node_params(*kind);
    for (const auto& m : v.members) {
        if (std::find(identity.begin(), identity.end(), m.key) != identity.end()) continue;
        std::string child = json::path_key(path, m.key);
        if (const auto* p = find_param(params, m.key)) {
            ctx.read_param(*p, m.value, child, node);
            continue;
        }
        NodeKind other{};
        if (const auto* p = param_of_other_kind(m.key, &other)) {
            // Same field under this kind's own name (database "connections" for "threads")?
            std::string hint;
            for (const auto& own : params)
                if (own.field == p->field) hint = " (did you mean '" + own.key + "'?)";
            ctx.error(m.key_pos, child,
                      "not a parameter of " + with_article(to_string(*kind)) + " node" + hint);
            continue;
        }
        auto allowed = keys_of(params);
        allowed.insert(allowed.end(), identity.begin(), identity.end());
        ctx.unknown_key(m, path, allowed);
    }
    for (const auto& p : params)
        if (p.required && !v.find(p.key)) {
            ctx.error(v.pos, path,
                      "missing required key '" + p.key + "' for " + with_article(to_string(*kind)) +
                          " node");
            ctx.untrust(json::path_key(path, p.key));
        }
}

/// The kind of each node id whose kind is certain (first node with that id), built once so
/// that reading many edges stays linear.
using KnownKinds = std::unordered_map<std::string_view, NodeKind>;

KnownKinds known_kinds(const ParseContext& ctx, const Scenario& s) {
    KnownKinds kinds;
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
        if (ctx.untrusted.count(json::path_key(json::path_index("nodes", i), "kind")) == 0)
            kinds.emplace(s.nodes[i].id, s.nodes[i].kind);
    return kinds;
}

void parse_edge(ParseContext& ctx, const json::Value& v, const std::string& path,
                const KnownKinds& kinds, Edge& edge) {
    if (!ctx.expect(v, json::Type::object, path, "an object with \"from\", \"to\" and \"mode\"")) {
        for (const char* key : {"from", "to", "mode"}) ctx.untrust(json::path_key(path, key));
        return;
    }
    edge.from = required_string(ctx, v, path, "from");
    edge.to = required_string(ctx, v, path, "to");
    auto mode = required_enum<EdgeMode>(ctx, v, path, "mode", edge_mode_names());
    if (mode) edge.mode = *mode;
    // The kind of the target, when it is certain, decides whether `keys` applies.
    std::optional<NodeKind> to_kind;
    if (auto it = kinds.find(edge.to); it != kinds.end()) to_kind = it->second;
    const std::vector<std::string> identity{"from", "to", "mode"};
    for (const auto& m : v.members) {
        if (std::find(identity.begin(), identity.end(), m.key) != identity.end()) continue;
        std::string child = json::path_key(path, m.key);
        const auto* p = find_edge_param(m.key);
        if (!p) {
            auto allowed = keys_of(edge_params());
            allowed.insert(allowed.end(), identity.begin(), identity.end());
            ctx.unknown_key(m, path, allowed);
            continue;
        }
        if (mode) {
            if (auto why = edge_param_restriction(m.key, *mode, to_kind); !why.empty()) {
                ctx.error(m.key_pos, child, why);
                continue;
            }
        }
        ctx.read_param(*p, m.value, child, edge);
    }
}

}  // namespace

void parse_fault(ParseContext& ctx, const json::Value& v, const std::string& path, Fault& fault,
                 FaultUse use) {
    if (!ctx.expect(v, json::Type::object, path,
                    use == FaultUse::scheduled ? "an object with \"at_s\", \"target\" and \"fault\""
                                               : "an object with \"target\" and \"fault\"")) {
        for (const char* key : {"target", "fault"}) ctx.untrust(json::path_key(path, key));
        return;
    }
    fault.target = required_string(ctx, v, path, "target");
    auto kind = required_enum<FaultKind>(ctx, v, path, "fault", fault_kind_names());
    if (kind) fault.kind = *kind;
    const std::vector<std::string> identity{"target", "fault"};
    auto is_identity = [&](const std::string& key) {
        return std::find(identity.begin(), identity.end(), key) != identity.end();
    };
    if (use == FaultUse::cleared) {
        // Healing names the fault; how strong or how long it was does not matter.
        for (const auto& m : v.members)
            if (!is_identity(m.key)) ctx.unknown_key(m, path, identity, "a fault to clear");
        return;
    }
    // A fault a lesson step injects starts when the step is entered; one a recording
    // injects, at its entry's at_s.
    auto misplaced_at = [&](const json::Member& m) {
        if (use != FaultUse::injected || m.key != "at_s") return false;
        const bool recorded = path.rfind("recording", 0) == 0;
        ctx.error(m.key_pos, json::path_key(path, m.key),
                  recorded ? "not used here: the fault starts at its recording entry's at_s "
                             "(give for_s to end it)"
                           : "not used here: a step's fault starts when the step is entered "
                             "(give for_s to end it)");
        return true;
    };
    if (!kind) {
        // Without a fault kind only at_s, for_s and keys no fault takes can be judged.
        if (use == FaultUse::scheduled) ctx.require(v, path, "at_s");
        for (const auto& m : v.members) {
            if (misplaced_at(m)) continue;
            bool known = is_identity(m.key);
            for (std::size_t k = 0; k < fault_kind_names().size(); ++k)
                known = known || find_fault_param(static_cast<FaultKind>(k), m.key) != nullptr;
            if (!known) ctx.unknown_key(m, path, {"at_s", "for_s", "target", "fault"});
        }
        return;
    }
    const auto& params = fault_params(*kind);
    std::string what = with_article(to_string(*kind)) + " fault";
    for (const auto& m : v.members) {
        if (is_identity(m.key) || misplaced_at(m)) continue;
        std::string child = json::path_key(path, m.key);
        if (const auto* p = find_param(params, m.key)) {
            ctx.read_param(*p, m.value, child, fault);
            continue;
        }
        bool other = false;
        for (std::size_t k = 0; k < fault_kind_names().size(); ++k)
            other = other || find_fault_param(static_cast<FaultKind>(k), m.key) != nullptr;
        if (other) {
            ctx.error(m.key_pos, child, "not a parameter of " + what);
            continue;
        }
        auto allowed = keys_of(params);
        allowed.insert(allowed.end(), identity.begin(), identity.end());
        ctx.unknown_key(m, path, allowed);
    }
    for (const auto& p : params)
        if (p.required && !v.find(p.key) && !(use == FaultUse::injected && p.key == "at_s")) {
            ctx.error(v.pos, path, "missing required key '" + p.key + "' for " + what);
            ctx.untrust(json::path_key(path, p.key));
        }
}

namespace {

template <class T, class F>
void parse_array(ParseContext& ctx, const json::Value& v, const char* key, std::vector<T>& out,
                 F&& parse_one) {
    if (!ctx.expect(v, json::Type::array, key, "an array")) {
        ctx.untrust(key);
        return;
    }
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        out.emplace_back();
        parse_one(v.items[i], json::path_index(key, i), out.back());
    }
}

}  // namespace

void parse_nodes(ParseContext& ctx, const json::Value& v, Scenario& out) {
    parse_array(ctx, v, "nodes", out.nodes,
                [&](const json::Value& item, const std::string& path, Node& n) {
                    parse_node(ctx, item, path, n);
                });
}

void parse_edges(ParseContext& ctx, const json::Value& v, Scenario& out) {
    std::vector<Edge> edges;
    const KnownKinds kinds = known_kinds(ctx, out);
    parse_array(ctx, v, "edges", edges,
                [&](const json::Value& item, const std::string& path, Edge& e) {
                    parse_edge(ctx, item, path, kinds, e);
                });
    out.edges = std::move(edges);
}

void parse_faults(ParseContext& ctx, const json::Value& v, Scenario& out) {
    parse_array(ctx, v, "faults", out.faults,
                [&](const json::Value& item, const std::string& path, Fault& f) {
                    parse_fault(ctx, item, path, f, FaultUse::scheduled);
                });
}

}  // namespace flowlab::model::detail
