#include "flowlab/model/param_path.hpp"

#include <charconv>
#include <vector>

namespace flowlab::model {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::vector<std::string_view> split_dots(std::string_view path) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0;;) {
        const std::size_t dot = path.find('.', start);
        out.push_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos) return out;
        start = dot + 1;
    }
}

template <class Owner>
const Param<Owner>* find_in(const std::vector<Param<Owner>>& params, std::string_view key) {
    for (const auto& p : params)
        if (p.key == key) return &p;
    return nullptr;
}

/// `key` or `group.field` (the segments after the element) in a parameter table.
template <class Owner>
const Param<Owner>* find_key(const std::vector<Param<Owner>>& params,
                             const std::vector<std::string_view>& keys, std::size_t first,
                             std::string* why) {
    const std::size_t n = keys.size() - first;
    const Param<Owner>* p = n >= 1 && n <= 2 ? find_in(params, keys[first]) : nullptr;
    if (p && n == 2) p = find_in(p->fields, keys[first + 1]);
    if (!p && why) {
        std::string key;
        for (std::size_t i = first; i < keys.size(); ++i)
            key += (key.empty() ? "" : ".") + std::string(keys[i]);
        *why = "no parameter '" + key + "' there";
    }
    return p;
}

void set_why(std::string* why, std::string text) {
    if (why) *why = std::move(text);
}

}  // namespace

std::optional<std::size_t> find_element(const Scenario& s, std::string_view array,
                                        std::string_view segment, std::string* why) {
    const bool edges = array == "edges";
    const std::size_t size = edges ? s.edges.size() : s.nodes.size();
    if (all_digits(segment)) {
        std::size_t index = 0;
        std::from_chars(segment.data(), segment.data() + segment.size(), index);
        if (segment.size() < 10 && index < size) return index;
        set_why(why, "'" + std::string(array) + "' has " + std::to_string(size) +
                         " elements, so no element " + std::string(segment));
        return std::nullopt;
    }
    std::string known;
    if (edges) {
        const auto arrow = segment.find("->");
        for (std::size_t i = 0; i < size; ++i) {
            const Edge& e = s.edges[i];
            if (arrow != std::string_view::npos && e.from == segment.substr(0, arrow) &&
                e.to == segment.substr(arrow + 2))
                return i;
            known += (known.empty() ? "" : ", ") + e.from + "->" + e.to;
        }
        set_why(why, "'edges' has no edge '" + std::string(segment) + "'" +
                         (known.empty() ? "" : " (there: " + known + ")"));
        return std::nullopt;
    }
    for (std::size_t i = 0; i < size; ++i) {
        if (s.nodes[i].id == segment) return i;
        known += (known.empty() ? "" : ", ") + s.nodes[i].id;
    }
    set_why(why, "'" + std::string(array) + "' has no element with id '" + std::string(segment) +
                     "'" + (known.empty() ? "" : " (there: " + known + ")"));
    return std::nullopt;
}

std::optional<ParamAt> find_param(const Scenario& s, std::string_view path, std::string* why) {
    const std::vector<std::string_view> keys = split_dots(path);
    const std::string_view head = keys.front();
    if (head == "run" || head == "trace") {
        const ParamAt::Which p = head == "run"
                                     ? ParamAt::Which(find_key(run_params(), keys, 1, why))
                                     : ParamAt::Which(find_key(trace_params(), keys, 1, why));
        const bool found = std::visit([](auto* param) { return param != nullptr; }, p);
        return found ? std::optional<ParamAt>(ParamAt(p, 0)) : std::nullopt;
    }
    if ((head != "nodes" && head != "edges") || keys.size() < 3) {
        set_why(why, "a parameter path is nodes.ID.KEY, edges.FROM->TO.KEY, run.KEY or trace.KEY");
        return std::nullopt;
    }
    const auto index = find_element(s, head, keys[1], why);
    if (!index) return std::nullopt;
    if (head == "edges") {
        const EdgeParam* p = find_key(edge_params(), keys, 2, why);
        return p ? std::optional<ParamAt>(ParamAt(p, *index)) : std::nullopt;
    }
    const NodeParam* p = find_key(node_params(s.nodes[*index].kind), keys, 2, why);
    return p ? std::optional<ParamAt>(ParamAt(p, *index)) : std::nullopt;
}

const ParamInfo& ParamAt::info() const {
    return std::visit([](auto* p) -> const ParamInfo& { return *p; }, param_);
}

ParamValue ParamAt::get(const Scenario& s) const {
    struct Get {
        const Scenario& s;
        std::size_t i;
        ParamValue operator()(const NodeParam* p) const { return p->get(s.nodes[i]); }
        ParamValue operator()(const EdgeParam* p) const { return p->get(s.edges[i]); }
        ParamValue operator()(const RunParam* p) const { return p->get(s.run); }
        ParamValue operator()(const TraceParam* p) const { return p->get(s.trace); }
    };
    return std::visit(Get{s, index_}, param_);
}

void ParamAt::set(Scenario& s, const ParamValue& value) const {
    struct Set {
        Scenario& s;
        std::size_t i;
        const ParamValue& v;
        void operator()(const NodeParam* p) const { p->set(s.nodes[i], v); }
        void operator()(const EdgeParam* p) const { p->set(s.edges[i], v); }
        void operator()(const RunParam* p) const { p->set(s.run, v); }
        void operator()(const TraceParam* p) const { p->set(s.trace, v); }
    };
    std::visit(Set{s, index_, value}, param_);
}

}  // namespace flowlab::model
