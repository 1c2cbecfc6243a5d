#include "document/scenario_document.hpp"

#include <algorithm>
#include <set>

#include "document/scenario_command.hpp"
#include "flowlab/model/param_path.hpp"
#include "flowlab/model/parse.hpp"
#include "flowlab/model/topology.hpp"

namespace flowlab::ui {

namespace {

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

void ScenarioDocument::replaceAll(const model::Scenario& scenario, const QString& text) {
    push(text, scenario);
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
    // Opening a file fills in the positions it lacks (canvas/auto_layout.hpp); a node can
    // only lack one here if Graphviz failed, and then the nodes stand in a row.
    const int index = std::max(0, nodeIndex(id));
    return {240.0 * index, 0.0};
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

void ScenarioDocument::setPositions(const std::map<std::string, QPointF>& positions,
                                    const QString& text) {
    model::Scenario after = scenario_;
    for (const auto& [id, p] : positions)
        if (after.find_node(id)) after.layout[id] = {p.x(), p.y()};
    push(text, std::move(after));
}

void ScenarioDocument::setNodeLabel(const QString& id, const QString& label) {
    model::Scenario after = scenario_;
    model::Node* node = after.find_node(id.toStdString());
    if (!node) return;
    node->label = label.toStdString();
    push(tr("Rename %1").arg(id), std::move(after));
}

std::optional<model::Scenario> ScenarioDocument::withParam(const std::string& path,
                                                           const model::ParamValue& value,
                                                           QString* why) const {
    model::Scenario after = scenario_;
    const auto param = model::find_param(after, path);
    if (!param) return std::nullopt;
    // A group (retry, breaker, ...) is switched on or off; its fields are checked.
    if (param->info().type != model::ParamType::group) {
        const auto problems = model::check_param(param->info(), value);
        if (!problems.empty()) {
            if (why) *why = problemsText(problems);
            return std::nullopt;
        }
    }
    param->set(after, value);
    return after;
}

bool ScenarioDocument::setParam(const std::string& path, const model::ParamValue& value,
                                QString* why, const QString& undoText) {
    auto after = withParam(path, value, why);
    if (!after) return false;
    push(undoText, std::move(*after));
    return true;
}

bool ScenarioDocument::setNodeParam(const QString& id, const std::string& key,
                                    const model::ParamValue& value, QString* why) {
    if (isLocked(id)) {
        if (why) *why = tr("%1 is locked by the challenge: its parameters stay as given.").arg(id);
        return false;
    }
    // By position: an id made of digits would read as one.
    const int index = nodeIndex(id);
    if (index < 0) return false;
    return setParam("nodes." + std::to_string(index) + "." + key, value, why,
                    tr("Set %1.%2").arg(id, QString::fromStdString(key)));
}

bool ScenarioDocument::setEdgeParam(int edgeIndex, const std::string& key,
                                    const model::ParamValue& value, QString* why) {
    if (edgeIndex < 0) return false;
    return setParam("edges." + std::to_string(edgeIndex) + "." + key, value, why,
                    tr("Set edge %1").arg(QString::fromStdString(key)));
}

bool ScenarioDocument::setRunParam(const std::string& key, const model::ParamValue& value,
                                   QString* why) {
    auto after = withParam("run." + key, value, why);
    if (!after) return false;
    // A run is set by a duration or by a request count, exactly one of them: giving one
    // replaces the other (lesson 02: "replace run.duration_s with run.requests").
    const bool given = !std::holds_alternative<std::monostate>(value);
    if (key == "requests" && given) after->run.duration_s.reset();
    if (key == "duration_s" && given) after->run.requests.reset();
    if (!after->run.duration_s && !after->run.requests) {
        if (why) *why = tr("a run needs duration_s or requests: give the other one first");
        return false;
    }
    push(tr("Set run %1").arg(QString::fromStdString(key)), std::move(*after));
    return true;
}

bool ScenarioDocument::setTraceParam(const std::string& key, const model::ParamValue& value,
                                     QString* why) {
    return setParam("trace." + key, value, why,
                    tr("Set trace %1").arg(QString::fromStdString(key)));
}

QString faultProblems(const model::Scenario& scenario, const model::Fault& fault) {
    const model::Node* target = scenario.find_node(fault.target);
    if (!target)
        return ScenarioDocument::tr("no node '%1' to put the fault on")
            .arg(QString::fromStdString(fault.target));
    if (!model::fault_applies_to(fault.kind, target->kind))
        return ScenarioDocument::tr("a %1 fault does not apply to a %2")
            .arg(QString::fromUtf8(model::to_string(fault.kind)),
                 QString::fromUtf8(model::to_string(target->kind)));
    QStringList lines;
    for (const auto& p : model::fault_params(fault.kind)) {
        const auto problems = model::check_param(p, p.get(fault));
        if (!problems.empty())
            lines << QString::fromStdString(p.key) + QStringLiteral(": ") + problemsText(problems);
    }
    return lines.join(QLatin1Char('\n'));
}

bool ScenarioDocument::setFault(int index, const model::Fault& fault, QString* why) {
    if (index >= static_cast<int>(scenario_.faults.size())) return false;
    const QString problems = faultProblems(scenario_, fault);
    if (!problems.isEmpty()) {
        if (why) *why = problems;
        return false;
    }
    model::Scenario after = scenario_;
    const QString what = QStringLiteral("%1 on %2")
                             .arg(QString::fromUtf8(model::to_string(fault.kind)),
                                  QString::fromStdString(fault.target));
    if (index < 0) {
        after.faults.push_back(fault);
        push(tr("Add fault %1").arg(what), std::move(after));
    } else {
        after.faults[size_t(index)] = fault;
        push(tr("Edit fault %1").arg(what), std::move(after));
    }
    return true;
}

void ScenarioDocument::removeFault(int index) {
    if (index < 0 || index >= static_cast<int>(scenario_.faults.size())) return;
    model::Scenario after = scenario_;
    const model::Fault& f = after.faults[size_t(index)];
    const QString what =
        QStringLiteral("%1 on %2")
            .arg(QString::fromUtf8(model::to_string(f.kind)), QString::fromStdString(f.target));
    after.faults.erase(after.faults.begin() + index);
    push(tr("Remove fault %1").arg(what), std::move(after));
}

void ScenarioDocument::applySnapshot(const model::Scenario& scenario) {
    const bool structural = !model::topology_difference(scenario_, scenario).empty();
    scenario_ = scenario;
    emit changed(structural);
}

}  // namespace flowlab::ui
