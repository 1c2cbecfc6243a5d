#pragma once
/// The scenario being edited: the model plus its QUndoStack. Every edit is a command.
///
/// Views (canvas, inspector) hold ids and indices and read the data from here; they
/// never keep copies. Tests drive the same methods the views call, headless.

#include <optional>

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QUndoStack>
#include <map>
#include <string>

#include "flowlab/model/scenario.hpp"
#include "flowlab/model/schema.hpp"

namespace flowlab::ui {

class ScenarioDocument : public QObject {
    Q_OBJECT
public:
    explicit ScenarioDocument(QObject* parent = nullptr);

    const model::Scenario& scenario() const { return scenario_; }
    QUndoStack* undoStack() { return &undoStack_; }
    QString filePath() const { return filePath_; }
    bool isModified() const { return !undoStack_.isClean(); }

    /// Replaces the whole document (new / open): not undoable, clears the history.
    void resetTo(const model::Scenario& scenario, const QString& filePath);
    /// Marks the current state as saved under `filePath`.
    void markSaved(const QString& filePath);

    /// Where a node sits on the canvas (its layout entry, or a spot derived from its index).
    QPointF nodePosition(const QString& id) const;
    int nodeIndex(const QString& id) const;
    /// A node the scenario's challenge locks: its parameters stay as given and it stays
    /// (label and position are free; docs/challenges.md, "Fair answers").
    bool isLocked(const QString& id) const;

    /// Adds a node of `kind` at `pos` with a fresh id ("service2"); returns the id.
    QString addNode(model::NodeKind kind, QPointF pos);
    /// Connects two nodes with the mode their kinds imply. On refusal returns false and
    /// sets `why` (unknown node, invalid pair, duplicate edge, self loop).
    bool connectNodes(const QString& from, const QString& to, QString* why = nullptr);
    /// Removes nodes (with their edges, layout and faults) and edges, as one command.
    /// Refuses (false, `why`, nothing removed) when a node is locked by the challenge.
    bool removeItems(const QStringList& nodeIds, const QList<int>& edgeIndices,
                     QString* why = nullptr);
    /// Moves nodes. Moves with the same `dragSerial` (one mouse drag) and the same set of
    /// nodes merge into one undo step; a new drag uses a new serial.
    void moveNodes(const QHash<QString, QPointF>& positions, int dragSerial = 0);
    /// Puts nodes at new places as one undo step named `text` (Tidy layout).
    void setPositions(const std::map<std::string, QPointF>& positions, const QString& text);
    void setNodeLabel(const QString& id, const QString& label);
    /// Sets a schema parameter of a node; refuses (false, `why`) values the schema rejects
    /// and any change to a node the challenge locks.
    bool setNodeParam(const QString& id, const std::string& key, const model::ParamValue& value,
                      QString* why = nullptr);
    bool setEdgeParam(int edgeIndex, const std::string& key, const model::ParamValue& value,
                      QString* why = nullptr);
    /// Replaces the run settings (duration, warmup, ...).
    bool setRunParam(const std::string& key, const model::ParamValue& value,
                     QString* why = nullptr);

    /// Replaces the whole scenario as one undoable step named `text` (recovering an
    /// autosave: the document is then modified, and undo returns to the file's content).
    void replaceAll(const model::Scenario& scenario, const QString& text);
    /// Sets the trace settings' `key` (propagate, sample); refuses values the schema rejects.
    bool setTraceParam(const std::string& key, const model::ParamValue& value,
                       QString* why = nullptr);
    /// Replaces scheduled fault `index`, or adds one at the end (index -1). Refuses (false,
    /// `why`) a fault whose target is not a node it applies to or whose values are out of
    /// range; nothing changes then.
    bool setFault(int index, const model::Fault& fault, QString* why = nullptr);
    void removeFault(int index);

    /// Used by ScenarioCommand only: installs a snapshot and tells the views.
    void applySnapshot(const model::Scenario& scenario);

signals:
    /// Anything changed; `structural` when nodes or edges were added or removed.
    void changed(bool structural);
    void filePathChanged(const QString& path);

private:
    void push(const QString& text, model::Scenario after, const QString& mergeKey = {});
    /// The scenario with parameter `path` (model/param_path.hpp) set to `value`, or nullopt
    /// (with `why`) when the path names nothing or the value is out of range.
    std::optional<model::Scenario> withParam(const std::string& path,
                                             const model::ParamValue& value, QString* why) const;
    /// Sets the parameter at `path` as one undo step named `undoText`.
    bool setParam(const std::string& path, const model::ParamValue& value, QString* why,
                  const QString& undoText);
    QString freshId(model::NodeKind kind) const;

    model::Scenario scenario_;
    QUndoStack undoStack_;
    QString filePath_;
};

/// Why `fault` cannot be scheduled in `scenario` (target, kind, values), or "".
QString faultProblems(const model::Scenario& scenario, const model::Fault& fault);

/// A scenario with nothing in it but sensible run settings (File > New).
model::Scenario emptyScenario();

}  // namespace flowlab::ui
