#pragma once
/// One undoable edit of a ScenarioDocument, stored as the scenario before and after.
///
/// Scenarios are small (tens of nodes), so a snapshot per command keeps every edit
/// exactly reversible with one code path. Commands with the same merge key (a drag of
/// the same nodes, typing into the same field) merge into one undo step; a command whose
/// merged result equals its start becomes obsolete and leaves the stack.

#include <QString>
#include <QUndoCommand>

#include "flowlab/model/scenario.hpp"

namespace flowlab::ui {

class ScenarioDocument;

class ScenarioCommand : public QUndoCommand {
public:
    /// Command id shared by all mergeable scenario edits (QUndoCommand::id).
    static constexpr int mergeableId = 0x466c;

    ScenarioCommand(ScenarioDocument* document, const QString& text, model::Scenario before,
                    model::Scenario after, QString mergeKey = {});

    void undo() override;
    void redo() override;
    int id() const override { return mergeKey_.isEmpty() ? -1 : mergeableId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    ScenarioDocument* document_;
    model::Scenario before_;
    model::Scenario after_;
    QString mergeKey_;
};

}  // namespace flowlab::ui
