#pragma once
/// What the panels call a node: its label ("Shoppers") where the file gives one, else its
/// id. The canvas titles nodes the same way, so a chart, a table or a trace row names
/// the node the student sees on the canvas.

#include <QString>

#include "flowlab/model/scenario.hpp"

namespace flowlab::ui {

inline QString nodeName(const model::Node& node) {
    return QString::fromStdString(node.label.empty() ? node.id : node.label);
}

/// The name of the node at `index` in the scenario, or "" when there is none.
inline QString nodeName(const model::Scenario& scenario, int index) {
    if (index < 0 || index >= int(scenario.nodes.size())) return {};
    return nodeName(scenario.nodes[size_t(index)]);
}

}  // namespace flowlab::ui
