#include "document/scenario_command.hpp"

#include "document/scenario_document.hpp"

namespace flowlab::ui {

ScenarioCommand::ScenarioCommand(ScenarioDocument* document, const QString& text,
                                 model::Scenario before, model::Scenario after, QString mergeKey)
    : QUndoCommand(text),
      document_(document),
      before_(std::move(before)),
      after_(std::move(after)),
      mergeKey_(std::move(mergeKey)) {}

void ScenarioCommand::undo() { document_->applySnapshot(before_); }

void ScenarioCommand::redo() { document_->applySnapshot(after_); }

bool ScenarioCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const ScenarioCommand*>(other);
    if (next->mergeKey_ != mergeKey_ || next->document_ != document_) return false;
    after_ = next->after_;
    // A drag that ends where it started is no edit at all.
    setObsolete(after_ == before_);
    return true;
}

}  // namespace flowlab::ui
