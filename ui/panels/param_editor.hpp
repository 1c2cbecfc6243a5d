#pragma once
/// A typed editor for one schema parameter, with its problem shown inline under it.
///
/// It knows nothing about nodes or edges: it shows a ParamValue, emits the edited one,
/// and displays whatever problem the document reports when it refuses the value.

#include <QWidget>

#include "flowlab/model/schema.hpp"

class QLabel;
class QLineEdit;
class QCheckBox;
class QComboBox;

namespace flowlab::ui {

class DistributionEditor;

class ParamEditor : public QWidget {
    Q_OBJECT
public:
    explicit ParamEditor(const model::ParamInfo& info, QWidget* parent = nullptr);

    const model::ParamInfo& info() const { return info_; }
    /// Shows a value from the document (unless the user is typing in it).
    void setValue(const model::ParamValue& value);
    /// "" hides the problem line.
    void showProblem(const QString& problem);
    QString problem() const;

signals:
    void edited(const flowlab::model::ParamValue& value);

private:
    void commitText();

    model::ParamInfo info_;
    QLineEdit* line_ = nullptr;
    QCheckBox* check_ = nullptr;
    QComboBox* combo_ = nullptr;
    DistributionEditor* dist_ = nullptr;
    QLabel* problem_ = nullptr;
};

}  // namespace flowlab::ui
