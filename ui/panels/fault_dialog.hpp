#pragma once
/// Sets up one fault with all its parameters: the target node, the kind (only those the
/// node's kind allows), the kind's own strength (extra_ms and factor, failure_rate,
/// rate_per_s, count), how long it lasts and, for a scheduled fault, when it starts.
///
/// Editors come from the engine's schema (model::fault_params), so every parameter the
/// scenario format knows is here, with its range checked as the file parser checks it.
/// Presets fill typical strengths in one click.

#include <QDialog>
#include <QHash>

#include "flowlab/model/scenario.hpp"
#include "flowlab/model/schema.hpp"

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QWidget;

namespace flowlab::ui {

class ParamEditor;

class FaultDialog : public QDialog {
    Q_OBJECT
public:
    /// `injectNow`: starts on the running engine at once (no start time; without a
    /// duration it lasts until healed by hand). `schedule`: a fault of the scenario file,
    /// from `at_s`, for `for_s` or until the end of the run.
    enum class Mode { injectNow, schedule };

    FaultDialog(const model::Scenario& scenario, Mode mode, QWidget* parent = nullptr);

    /// Starts from `fault` (its target picks the node; a kind the node does not take
    /// falls back to the node's first).
    void setFault(const model::Fault& fault);
    model::Fault fault() const { return fault_; }
    Mode mode() const { return mode_; }

    /// Sets parameter `key` ("for_s", "extra_ms", ...) as typing it would; false with
    /// the problem shown under the editor when the value is out of range.
    bool setParam(const std::string& key, const model::ParamValue& value);
    /// The editor of parameter `key`, or null (for tests).
    ParamEditor* editor(const QString& key) const { return editors_.value(key); }
    /// The preset buttons' texts, in order, and pressing one (for tests).
    QStringList presets() const;
    bool applyPreset(const QString& text);
    /// Every problem with the current values, one a line ("" when OK can be pressed).
    QString problems() const;

private:
    void fillTargets();
    void onTargetChosen();
    void onKindChosen();
    void rebuildParams();
    void rebuildPresets();
    void refreshState();

    const model::Scenario& scenario_;
    Mode mode_;
    model::Fault fault_;
    QComboBox* target_;
    QComboBox* kind_;
    QLabel* meaning_;
    QWidget* paramsBox_;
    QFormLayout* params_ = nullptr;
    QWidget* presetsBox_;
    QHBoxLayout* presetsRow_ = nullptr;
    QLabel* problemLine_;
    QDialogButtonBox* buttons_;
    QHash<QString, ParamEditor*> editors_;
    QHash<QString, QString> editorProblems_;
};

/// What a fault of this kind does to its target, in one line (from the format's table).
QString faultMeaning(model::FaultKind kind);
/// "slow on api (+200 ms, for 10 s)": a fault as the UI names it.
QString faultTitle(const model::Scenario& scenario, const model::Fault& fault);

}  // namespace flowlab::ui
