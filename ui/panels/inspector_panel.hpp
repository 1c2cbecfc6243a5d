#pragma once
/// Edits every parameter of the selected node or edge (or, with nothing selected, the
/// run and trace settings), with editors generated from the engine's schema table. A
/// node that takes faults has buttons to inject or schedule one; a DLQ one to redrive.

#include <QWidget>
#include <functional>

#include "flowlab/model/schema.hpp"

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;

namespace flowlab::ui {

class ParamEditor;
class ScenarioDocument;

class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPanel(ScenarioDocument* document, QWidget* parent = nullptr);

    /// Shows a node (id non-empty), an edge (index >= 0) or the run settings.
    void setTarget(const QString& nodeId, int edgeIndex);
    /// The editor of parameter `key` ("threads", "retry.max_attempts"), for tests.
    ParamEditor* editor(const QString& key) const;
    /// The action buttons shown for the target ("Fault…", "Redrive"), for tests.
    QList<QPushButton*> actionButtons() const;

signals:
    void faultDialogRequested(const QString& nodeId);
    void scheduleFaultRequested(const QString& nodeId);
    void redriveRequested(const QString& dlqId);

private:
    void rebuild();
    /// Fault and redrive buttons for a node (none for kinds that take neither).
    void addNodeActions(QFormLayout* form, const model::Node& node);
    void refreshValues();
    void addEditor(QFormLayout* form, const QString& key, const model::ParamInfo& info,
                   const model::ParamValue& value, QWidget* parent);
    template <class Owner>
    void addParams(QFormLayout* form, const std::vector<model::Param<Owner>>& params,
                   const Owner& owner, const std::function<bool(const std::string&)>& applies);
    /// Makes a locked node's editors read-only and says why.
    void showLocked(QFormLayout* form);
    void commit(const QString& key, const model::ParamValue& value);
    /// The current value of `key` in the target, for refreshes after undo/redo.
    std::optional<model::ParamValue> currentValue(const QString& key) const;

    ScenarioDocument* document_;
    QString nodeId_;
    int edgeIndex_ = -1;
    QScrollArea* scroll_;
    QWidget* content_ = nullptr;
    QLabel* title_;
    QLineEdit* label_ = nullptr;
    QHash<QString, ParamEditor*> editors_;
};

}  // namespace flowlab::ui
