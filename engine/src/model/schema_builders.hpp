#pragma once
// Builders for the parameter tables (schema_tables.cpp, schema_node_tables.cpp): each
// makes a Param<Owner> whose accessors reach one member, so a table row is one call.

#include <type_traits>
#include <utility>

#include "flowlab/model/schema.hpp"

namespace flowlab::model::detail {

struct Range {
    std::optional<double> min;
    bool min_exclusive = false;
    std::optional<double> max;
};
inline Range at_least(double v) { return {v, false, std::nullopt}; }
inline Range above(double v) { return {v, true, std::nullopt}; }
inline Range between(double lo, double hi) { return {lo, false, hi}; }
inline Range above_up_to(double lo, double hi) { return {lo, true, hi}; }

constexpr double max_pool = 100000;  // threads, connections, consumer instances

inline double as_double(const ParamValue& v) {
    if (auto* d = std::get_if<double>(&v)) return *d;
    if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return 0.0;
}
inline std::int64_t as_int(const ParamValue& v) {
    if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    return 0;
}

template <class Owner>
Param<Owner> base(std::string key, ParamType type, ParamValue def, Range r, std::string field,
                  std::string description) {
    Param<Owner> p;
    p.key = std::move(key);
    p.type = type;
    p.default_value = std::move(def);
    p.min = r.min;
    p.min_exclusive = r.min_exclusive;
    p.max = r.max;
    p.field = std::move(field);
    p.description = std::move(description);
    return p;
}

template <class Owner>
Param<Owner> number(std::string key, double Owner::*m, double def, Range r, std::string field,
                    std::string description) {
    auto p = base<Owner>(std::move(key), ParamType::number, def, r, std::move(field),
                         std::move(description));
    p.get = [m](const Owner& o) -> ParamValue { return o.*m; };
    p.set = [m](Owner& o, const ParamValue& v) { o.*m = as_double(v); };
    return p;
}

template <class Owner, class T>
Param<Owner> integer(std::string key, T Owner::*m, T def, Range r, std::string field,
                     std::string description) {
    auto p = base<Owner>(std::move(key), ParamType::integer, static_cast<std::int64_t>(def), r,
                         std::move(field), std::move(description));
    p.get = [m](const Owner& o) -> ParamValue { return static_cast<std::int64_t>(o.*m); };
    p.set = [m](Owner& o, const ParamValue& v) { o.*m = static_cast<T>(as_int(v)); };
    return p;
}

template <class Owner>
Param<Owner> boolean(std::string key, bool Owner::*m, bool def, std::string field,
                     std::string description) {
    auto p = base<Owner>(std::move(key), ParamType::boolean, def, {}, std::move(field),
                         std::move(description));
    p.get = [m](const Owner& o) -> ParamValue { return o.*m; };
    p.set = [m](Owner& o, const ParamValue& v) {
        if (auto* b = std::get_if<bool>(&v)) o.*m = *b;
    };
    return p;
}

/// An enum stored as its index into `names` (enums here are declared in that order).
template <class Owner, class E>
Param<Owner> choice(std::string key, E Owner::*m, std::vector<std::string> names, E def,
                    std::string field, std::string description) {
    auto p = base<Owner>(std::move(key), ParamType::choice, names[static_cast<std::size_t>(def)],
                         {}, std::move(field), std::move(description));
    p.choices = names;
    p.get = [m, names](const Owner& o) -> ParamValue {
        return names[static_cast<std::size_t>(o.*m)];
    };
    p.set = [m, names](Owner& o, const ParamValue& v) {
        auto* s = std::get_if<std::string>(&v);
        for (std::size_t i = 0; s && i < names.size(); ++i)
            if (names[i] == *s) o.*m = static_cast<E>(i);
    };
    return p;
}

template <class Owner>
Param<Owner> distribution(std::string key, Distribution Owner::*m, double def_ms, std::string field,
                          std::string description) {
    auto p = base<Owner>(std::move(key), ParamType::distribution, Distribution::constant(def_ms),
                         {}, std::move(field), std::move(description));
    p.get = [m](const Owner& o) -> ParamValue { return o.*m; };
    p.set = [m](Owner& o, const ParamValue& v) {
        if (auto* d = std::get_if<Distribution>(&v))
            o.*m = *d;
        else if (std::holds_alternative<double>(v) || std::holds_alternative<std::int64_t>(v))
            o.*m = Distribution::constant(as_double(v));
    };
    return p;
}

/// The id of another node, "" when absent; which kinds it may name is checked by the
/// validator, which knows the graph.
template <class Owner>
Param<Owner> node_ref(std::string key, std::string Owner::*m, std::string absent, std::string field,
                      std::string description) {
    auto p = base<Owner>(std::move(key), ParamType::node_ref, std::string{}, {}, std::move(field),
                         std::move(description));
    p.absent = std::move(absent);
    p.get = [m](const Owner& o) -> ParamValue { return o.*m; };
    p.set = [m](Owner& o, const ParamValue& v) {
        if (auto* s = std::get_if<std::string>(&v)) o.*m = *s;
        if (std::holds_alternative<std::monostate>(v)) (o.*m).clear();
    };
    return p;
}

/// std::optional<double> or std::optional<integer>: absent is std::monostate.
template <class Owner, class T>
Param<Owner> optional(std::string key, std::optional<T> Owner::*m, Range r, std::string absent,
                      std::string field, std::string description) {
    constexpr bool is_int = std::is_integral_v<T>;
    auto p = base<Owner>(std::move(key),
                         is_int ? ParamType::optional_integer : ParamType::optional_number,
                         std::monostate{}, r, std::move(field), std::move(description));
    p.absent = std::move(absent);
    p.get = [m](const Owner& o) -> ParamValue {
        if (!(o.*m)) return std::monostate{};
        if constexpr (is_int)
            return static_cast<std::int64_t>(*(o.*m));
        else
            return static_cast<double>(*(o.*m));
    };
    p.set = [m](Owner& o, const ParamValue& v) {
        if (std::holds_alternative<std::monostate>(v))
            o.*m = std::nullopt;
        else if constexpr (is_int)
            o.*m = static_cast<T>(as_int(v));
        else
            o.*m = as_double(v);
    };
    return p;
}

/// Re-homes a parameter of a group struct G onto the Owner that holds std::optional<G>.
template <class Owner, class G>
Param<Owner> lift(std::optional<G> Owner::*gm, const Param<G>& inner) {
    Param<Owner> p;
    static_cast<ParamInfo&>(p) = inner;
    p.get = [gm, get = inner.get](const Owner& o) { return (o.*gm) ? get(*(o.*gm)) : get(G{}); };
    p.set = [gm, set = inner.set](Owner& o, const ParamValue& v) {
        if (!(o.*gm)) (o.*gm).emplace();
        set(*(o.*gm), v);
    };
    return p;
}

template <class Owner, class G>
Param<Owner> group(std::string key, std::optional<G> Owner::*gm,
                   const std::vector<Param<G>>& fields, std::string absent, std::string field,
                   std::string description) {
    auto p = base<Owner>(std::move(key), ParamType::group, false, {}, std::move(field),
                         std::move(description));
    p.absent = std::move(absent);
    p.get = [gm](const Owner& o) -> ParamValue { return (o.*gm).has_value(); };
    p.set = [gm](Owner& o, const ParamValue& v) {
        auto* b = std::get_if<bool>(&v);
        if (b && *b && !(o.*gm)) (o.*gm).emplace();
        if (b && !*b) o.*gm = std::nullopt;
    };
    for (const auto& f : fields) p.fields.push_back(lift(gm, f));
    return p;
}

}  // namespace flowlab::model::detail
