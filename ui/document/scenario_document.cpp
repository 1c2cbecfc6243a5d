#include "document/scenario_document.hpp"

#include <algorithm>
#include <set>

#include "document/scenario_command.hpp"
#include "flowlab/model/parse.hpp"

namespace flowlab::ui {

namespace {

/// Node ids and edge endpoints: what the canvas builds items from.
bool sameStructure(const model::Scenario& a, const model::Scenario& b) {
    if (a.nodes.size() != b.nodes.size() || a.edges.size() != b.edges.size()) return false;
    for (size_t i = 0; i < a.nodes.size(); ++i)
        if (a.nodes[i].id != b.nodes[i].id || a.nodes[i].kind != b.nodes[i].kind) return false;
    for (size_t i = 0; i < a.edges.size(); ++i)
        if (a.edges[i].from != b.edges[i].from || a.edges[i].to != b.edges[i].to ||
            a.edges[i].mode != b.edges[i].mode)
            return false;
    return true;
}

QString problemsText(const std::vector<model::ParamProblem>& problems) {
    QStringList lines;
    for (const auto& p : problems)
        lines << QString::fromStdString(p.subpath.empty() ? p.message
                                                          : p.subpath.substr(1) + ": " + p.message);
    return lines.join(QStringLiteral("; "));
}

}  // namespace

model::Scenario emptyScenario() {
    model::Scenario s;
    s.name = "Untitled";
    s.run.duration_s = 60.0;
    return s;
}

ScenarioDocument::ScenarioDocument(QObject* parent) : QObject(parent), scenario_(emptyScenario()) {}

void ScenarioDocument::resetTo(const model::Scenario& scenario, const QString& filePath) {
    undoStack_.clear();
    scenario_ = scenario;
    filePath_ = filePath;
    undoStack_.setClean();
    emit filePathChanged(filePath_);
    emit changed(true);
}

void ScenarioDocument::markSaved(const QString& filePath) {
    filePath_ = filePath;
    undoStack_.setClean();
    emit filePathChanged(filePath_);
}

int ScenarioDocument::nodeIndex(const QString& id) const {
    const std::string key = id.toStdString();
    for (size_t i = 0; i < scenario_.nodes.size(); ++i)
        if (scenario_.nodes[i].id == key) return static_cast<int>(i);
    return -1;
}

QPointF ScenarioDocument::nodePosition(const QString& id) const {
    auto it = scenario_.layout.find(id.toStdString());
    if (it != scenario_.layout.end()) return {it->second.first, it->second.second};
    // Files without a layout get a readable grid: four columns, in file order.
    const int index = std::max(0, nodeIndex(id));
    return {220.0 * (index % 4), 140.0 * (index / 4)};
}

QString ScenarioDocument::freshId(model::NodeKind kind) const {
    const std::string base = model::to_string(kind);
    for (int n = 1;; ++n) {
        const std::string id = base + std::to_string(n);
        if (!scenario_.find_node(id)) return QString::fromStdString(id);
    }
}

void ScenarioDocument::push(const QString& text, model::Scenario after, const QString& mergeKey) {
    if (after == scenario_) return;
    undoStack_.push(new ScenarioCommand(this, text, scenario_, std::move(after), mergeKey));
}

QString ScenarioDocument::addNode(model::NodeKind kind, QPointF pos) {
    const QString id = freshId(kind);
    model::Scenario after = scenario_;
    after.nodes.push_back(model::make_node(kind, id.toStdString()));
    after.layout[id.toStdString()] = {pos.x(), pos.y()};
    push(tr("Add %1").arg(id), std::move(after));
    return id;
}

bool ScenarioDocument::connectNodes(const QString& from, const QString& to, QString* why) {
    auto refuse = [why](const QString& reason) {
        if (why) *why = reason;
        return false;
    };
    const model::Node* a = scenario_.find_node(from.toStdString());
    const model::Node* b = scenario_.find_node(to.toStdString());
    if (!a || !b) return refuse(tr("Unknown node"));
    if (a == b) return refuse(tr("A node cannot call itself"));
    for (const auto& e : scenario_.edges)
        if (e.from == a->id && e.to == b->id)
            return refuse(tr("%1 is already connected to %2").arg(from, to));
    std::string reason;
    const auto mode = model::edge_mode_between(a->kind, b->kind, &reason);
    if (!mode)
        return refuse(tr("Cannot connect %1 (%2) to %3 (%4): %5")
                          .arg(from, QString::fromUtf8(model::to_string(a->kind)), to,
                               QString::fromUtf8(model::to_string(b->kind)),
                               QString::fromStdString(reason)));
    model::Scenario after = scenario_;
    model::Edge edge;
    edge.from = a->id;
    edge.to = b->id;
    edge.mode = *mode;
    after.edges.push_back(edge);
    // The validator catches what a pair of kinds cannot (a cycle, a second source for a
    // consumer): refuse the edge rather than leave the document with a new problem.
    std::set<std::string> known;
    for (const auto& d : model::validate(scenario_)) known.insert(d.to_string());
    for (const auto& d : model::validate(after)) {
        if (d.path.rfind("edges", 0) != 0 || known.count(d.to_string())) continue;
        return refuse(
            tr("Cannot connect %1 to %2: %3").arg(from, to, QString::fromStdString(d.message)));
    }
    push(tr("Connect %1 to %2").arg(from, to), std::move(after));
    if (why) why->clear();
    return true;
}

bool ScenarioDocument::isLocked(const QString& id) const {
    if (!scenario_.challenge) return false;
    const auto& locked = scenario_.challenge->locked;
    return std::find(locked.begin(), locked.end(), id.toStdString()) != locked.end();
}

bool ScenarioDocument::removeItems(const QStringList& nodeIds, const QList<int>& edgeIndices,
                                   QString* why) {
    for (const auto& id : nodeIds) {
        if (!isLocked(id)) continue;
        if (why) *why = tr("%1 is locked by the challenge: it stays in the design.").arg(id);
        return false;
    }
    std::set<std::string> gone;
    for (const auto& id : nodeIds) gone.insert(id.toStdString());
    model::Scenario after = scenario_;
    std::vector<model::Edge> edges;
    for (size_t i = 0; i < after.edges.size(); ++i) {
        const auto& e = after.edges[i];
        if (edgeIndices.contains(static_cast<int>(i)) || gone.count(e.from) || gone.count(e.to))
            continue;
        edges.push_back(e);
    }
    after.edges = std::move(edges);
    std::erase_if(after.nodes, [&](const model::Node& n) { return gone.count(n.id) > 0; });
    std::erase_if(after.faults, [&](const model::Fault& f) { return gone.count(f.target) > 0; });
    for (const auto& id : gone) after.layout.erase(id);
    push(tr("Delete"), std::move(after));
    return true;
}

void ScenarioDocument::moveNodes(const QHash<QString, QPointF>& positions, int dragSerial) {
    model::Scenario after = scenario_;
    QStringList ids = positions.keys();
    ids.sort();
    for (const auto& id : ids) {
        if (!after.find_node(id.toStdString())) continue;
        const QPointF p = positions.value(id);
        after.layout[id.toStdString()] = {p.x(), p.y()};
    }
    push(tr("Move"), std::move(after),
         QStringLiteral("move:%1:").arg(dragSerial) + ids.join(QLatin1Char(',')));
}

void ScenarioDocument::setNodeLabel(const QString& id, const QString& label) {
    model::Scenario after = scenario_;
    model::Node* node = after.find_node(id.toStdString());
    if (!node) return;
    node->label = label.toStdString();
    push(tr("Rename %1").arg(id), std::move(after));
}

bool ScenarioDocument::setNodeParam(const QString& id, const std::string& key,
                                    const model::ParamValue& value, QString* why) {
    if (isLocked(id)) {
        if (why) *why = tr("%1 is locked by the challenge: its parameters stay as given.").arg(id);
        return false;
    }
    model::Scenario after = scenario_;
    model::Node* node = after.find_node(id.toStdString());
    if (!node) return false;
    const model::NodeParam* param = nullptr;
    // Group fields are addressed as "group.field" (retry.max_attempts).
    const auto dot = key.find('.');
    const model::NodeParam* group = model::find_node_param(node->kind, key.substr(0, dot));
    if (!group) return false;
    param = group;
    if (dot != std::string::npos) {
        param = nullptr;
        for (const auto& f : group->fields)
            if (f.key == key.substr(dot + 1)) param = &f;
        if (!param) return false;
    }
    if (param->type != model::ParamType::group) {
        const auto problems = model::check_param(*param, value);
        if (!problems.empty()) {
            if (why) *why = problemsText(problems);
            return false;
        }
    }
    param->set(*node, value);
    push(tr("Set %1.%2").arg(id, QString::fromStdString(key)), std::move(after));
    return true;
}

bool ScenarioDocument::setEdgeParam(int edgeIndex, const std::string& key,
                                    const model::ParamValue& value, QString* why) {
    if (edgeIndex < 0 || edgeIndex >= static_cast<int>(scenario_.edges.size())) return false;
    model::Scenario after = scenario_;
    model::Edge& edge = after.edges[edgeIndex];
    const auto dot = key.find('.');
    const model::EdgeParam* param = model::find_edge_param(key.substr(0, dot));
    if (!param) return false;
    if (dot != std::string::npos) {
        const model::EdgeParam* field = nullptr;
        for (const auto& f : param->fields)
            if (f.key == key.substr(dot + 1)) field = &f;
        if (!field) return false;
        param = field;
    }
    if (param->type != model::ParamType::group) {
        const auto problems = model::check_param(*param, value);
        if (!problems.empty()) {
            if (why) *why = problemsText(problems);
            return false;
        }
    }
    param->set(edge, value);
    push(tr("Set edge %1").arg(QString::fromStdString(key)), std::move(after));
    return true;
}

bool ScenarioDocument::setRunParam(const std::string& key, const model::ParamValue& value,
                                   QString* why) {
    model::Scenario after = scenario_;
    for (const auto& p : model::run_params()) {
        if (p.key != key) continue;
        const auto problems = model::check_param(p, value);
        if (!problems.empty()) {
            if (why) *why = problemsText(problems);
            return false;
        }
        p.set(after.run, value);
        push(tr("Set run %1").arg(QString::fromStdString(key)), std::move(after));
        return true;
    }
    return false;
}

void ScenarioDocument::applySnapshot(const model::Scenario& scenario) {
    const bool structural = !sameStructure(scenario_, scenario);
    scenario_ = scenario;
    emit changed(structural);
}

}  // namespace flowlab::ui
