#include "panels/fault_dialog.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <functional>

#include "canvas/node_style.hpp"
#include "flowlab/model/fault_text.hpp"
#include "panels/node_name.hpp"
#include "panels/param_editor.hpp"

namespace flowlab::ui {

namespace {

struct Preset {
    QString text;
    std::function<void(model::Fault&)> apply;
};

/// Typical strengths of each kind (the numbers the lessons use), then typical durations.
std::vector<Preset> presetsFor(const model::Fault& fault, const model::Node& target,
                               FaultDialog::Mode mode) {
    using model::FaultKind;
    std::vector<Preset> out;
    auto slow = [&](const QString& text, double extra, double factor) {
        out.push_back({text, [extra, factor](model::Fault& f) {
                           f.extra_ms = extra;
                           f.factor = factor;
                       }});
    };
    switch (fault.kind) {
        case FaultKind::slow:
            slow(QStringLiteral("+50 ms"), 50, 1);
            slow(QStringLiteral("+200 ms"), 200, 1);
            slow(QStringLiteral("+1 s"), 1000, 1);
            slow(QStringLiteral("×3 work"), 0, 3);
            break;
        case FaultKind::errors:
            for (double share : {0.1, 0.5, 1.0})
                out.push_back({QStringLiteral("%1 % fail").arg(share * 100),
                               [share](model::Fault& f) { f.failure_rate = share; }});
            break;
        case FaultKind::spike:
            for (double times : {2.0, 3.0, 10.0}) {
                const double rate = target.rate_per_s * times;
                out.push_back({QStringLiteral("×%1 rate (%2/s)").arg(times).arg(rate),
                               [rate](model::Fault& f) { f.rate_per_s = rate; }});
            }
            break;
        case FaultKind::poison:
            for (std::int64_t n : {1, 10, 100})
                out.push_back(
                    {QStringLiteral("%1 poison").arg(n), [n](model::Fault& f) { f.count = n; }});
            break;
        case FaultKind::reset:
            out.push_back({QStringLiteral("to earliest"),
                           [](model::Fault& f) { f.to = model::StartOffset::earliest; }});
            out.push_back({QStringLiteral("to latest"),
                           [](model::Fault& f) { f.to = model::StartOffset::latest; }});
            break;
        default: break;
    }
    // A burst or an action: its duration means nothing.
    if (fault.kind == FaultKind::poison || fault.kind == FaultKind::reset) return out;
    for (double s : {10.0, 30.0})
        out.push_back({QStringLiteral("for %1 s").arg(s), [s](model::Fault& f) { f.for_s = s; }});
    out.push_back({mode == FaultDialog::Mode::injectNow ? QStringLiteral("until healed")
                                                        : QStringLiteral("to the end"),
                   [](model::Fault& f) { f.for_s.reset(); }});
    return out;
}

}  // namespace

QString faultMeaning(model::FaultKind kind) {
    using model::FaultKind;
    switch (kind) {
        case FaultKind::down:
            return FaultDialog::tr("refuses every call at once (connection refused)");
        case FaultKind::hang:
            return FaultDialog::tr("accepts calls and never answers: only timeouts end the wait");
        case FaultKind::slow:
            return FaultDialog::tr(
                "adds extra_ms to each request's work, or multiplies it by factor");
        case FaultKind::errors:
            return FaultDialog::tr("fails this share of requests (replaces failure_rate)");
        case FaultKind::crash:
            return FaultDialog::tr(
                "every instance goes down: un-acked work is lost and redelivered; back when it "
                "heals");
        case FaultKind::pause: return FaultDialog::tr("stops taking messages; they pile up");
        case FaultKind::spike: return FaultDialog::tr("the client sends at rate_per_s instead");
        case FaultKind::poison:
            return FaultDialog::tr("publishes count messages that always fail processing");
        case FaultKind::reset:
            return FaultDialog::tr(
                "moves the consumer group's offsets: earliest replays what the log retains, "
                "latest skips what it has not read");
    }
    return {};
}

QString faultTitle(const model::Scenario& scenario, const model::Fault& fault) {
    const model::Node* node = scenario.find_node(fault.target);
    QString text = QStringLiteral("%1 on %2")
                       .arg(QString::fromUtf8(model::to_string(fault.kind)),
                            node ? nodeName(*node) : QString::fromStdString(fault.target));
    QStringList details;
    const QString strength = QString::fromStdString(model::fault_strength(fault));
    if (!strength.isEmpty()) details << strength;
    if (fault.for_s && fault.kind != model::FaultKind::poison &&
        fault.kind != model::FaultKind::reset)
        details << FaultDialog::tr("for %1 s").arg(*fault.for_s);
    if (!details.isEmpty()) text += QStringLiteral(" (%1)").arg(details.join(QStringLiteral(", ")));
    return text;
}

FaultDialog::FaultDialog(const model::Scenario& scenario, Mode mode, QWidget* parent)
    : QDialog(parent), scenario_(scenario), mode_(mode) {
    setWindowTitle(mode == Mode::injectNow ? tr("Inject a fault") : tr("Scheduled fault"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QFormLayout;
    target_ = new QComboBox(this);
    kind_ = new QComboBox(this);
    top->addRow(tr("on node"), target_);
    top->addRow(tr("fault"), kind_);
    layout->addLayout(top);
    meaning_ = new QLabel(this);
    meaning_->setWordWrap(true);
    meaning_->setStyleSheet(QStringLiteral("color: palette(dark); font-style: italic;"));
    layout->addWidget(meaning_);
    presetsBox_ = new QWidget(this);
    layout->addWidget(presetsBox_);
    paramsBox_ = new QWidget(this);
    layout->addWidget(paramsBox_);
    problemLine_ = new QLabel(this);
    problemLine_->setStyleSheet(QStringLiteral("color: #c62828;"));
    problemLine_->setWordWrap(true);
    layout->addWidget(problemLine_);
    layout->addStretch(1);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->button(QDialogButtonBox::Ok)
        ->setText(mode == Mode::injectNow ? tr("Inject now") : tr("Schedule"));
    connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
        // A value still being typed counts: commit it before judging the whole.
        if (QWidget* w = focusWidget()) w->clearFocus();
        if (problems().isEmpty()) accept();
    });
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons_);

    fillTargets();
    connect(target_, &QComboBox::activated, this, [this] { onTargetChosen(); });
    connect(kind_, &QComboBox::activated, this, [this] { onKindChosen(); });
    for (const auto& n : scenario_.nodes) {
        const auto& names = model::fault_kind_names();
        for (std::size_t k = 0; k < names.size(); ++k)
            if (model::fault_applies_to(static_cast<model::FaultKind>(k), n.kind)) {
                model::Fault first;
                first.target = n.id;
                first.kind = static_cast<model::FaultKind>(k);
                setFault(first);
                return;
            }
    }
    refreshState();
}

void FaultDialog::fillTargets() {
    target_->clear();
    for (const auto& n : scenario_.nodes) {
        bool any = false;
        for (std::size_t k = 0; k < model::fault_kind_names().size(); ++k)
            any |= model::fault_applies_to(static_cast<model::FaultKind>(k), n.kind);
        if (!any) continue;  // a DLQ takes no fault
        target_->addItem(QStringLiteral("%1 (%2)").arg(nodeName(n), kindTitle(n.kind)),
                         QString::fromStdString(n.id));
    }
}

void FaultDialog::setFault(const model::Fault& fault) {
    fault_ = fault;
    const int at = target_->findData(QString::fromStdString(fault.target));
    if (at >= 0) target_->setCurrentIndex(at);
    const model::Node* node = scenario_.find_node(fault_.target);
    kind_->clear();
    if (node) {
        const auto& names = model::fault_kind_names();
        for (std::size_t k = 0; k < names.size(); ++k) {
            const auto kind = static_cast<model::FaultKind>(k);
            if (model::fault_applies_to(kind, node->kind))
                kind_->addItem(QString::fromStdString(names[k]), int(k));
        }
        const int kindAt = kind_->findData(int(fault_.kind));
        if (kindAt >= 0) {
            kind_->setCurrentIndex(kindAt);
        } else if (kind_->count() > 0) {
            kind_->setCurrentIndex(0);
            fault_.kind = static_cast<model::FaultKind>(kind_->itemData(0).toInt());
        }
    }
    // A kind's defaults change nothing (slow +0 ms, 0 % errors): start from a strength
    // that shows, which the presets and editors then change.
    using model::FaultKind;
    if (fault_.kind == FaultKind::spike && fault_.rate_per_s <= 0 && node)
        fault_.rate_per_s = node->rate_per_s * 3;
    if (fault_.kind == FaultKind::poison && fault_.count < 1) fault_.count = 10;
    if (fault_.kind == FaultKind::slow && fault_.extra_ms == 0 && fault_.factor == 1.0)
        fault_.extra_ms = 200;
    if (fault_.kind == FaultKind::errors && fault_.failure_rate == 0) fault_.failure_rate = 0.5;
    meaning_->setText(faultMeaning(fault_.kind));
    rebuildParams();
    rebuildPresets();
    refreshState();
}

void FaultDialog::onTargetChosen() {
    model::Fault next = fault_;
    next.target = target_->currentData().toString().toStdString();
    setFault(next);
}

void FaultDialog::onKindChosen() {
    // Another kind starts from its own defaults; when and how long stay as they were.
    model::Fault next;
    next.target = fault_.target;
    next.at_s = fault_.at_s;
    next.for_s = fault_.for_s;
    next.kind = static_cast<model::FaultKind>(kind_->currentData().toInt());
    setFault(next);
}

void FaultDialog::rebuildParams() {
    delete paramsBox_->layout();
    qDeleteAll(paramsBox_->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
    editors_.clear();
    editorProblems_.clear();
    params_ = new QFormLayout(paramsBox_);
    params_->setContentsMargins(0, 0, 0, 0);
    for (const auto& p : model::fault_params(fault_.kind)) {
        if (mode_ == Mode::injectNow && p.key == "at_s") continue;                  // now
        if (fault_.kind == model::FaultKind::poison && p.key == "for_s") continue;  // a burst
        model::ParamInfo info = p;
        if (mode_ == Mode::injectNow && p.key == "for_s") info.absent = "until healed by hand";
        auto* editor = new ParamEditor(info, paramsBox_);
        editor->setValue(p.get(fault_));
        const QString key = QString::fromStdString(p.key);
        connect(editor, &ParamEditor::edited, this,
                [this, key](const model::ParamValue& v) { setParam(key.toStdString(), v); });
        editors_.insert(key, editor);
        auto* name = new QLabel(key, paramsBox_);
        name->setToolTip(QString::fromStdString(p.description));
        params_->addRow(name, editor);
    }
}

void FaultDialog::rebuildPresets() {
    delete presetsBox_->layout();
    qDeleteAll(presetsBox_->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
    presetsRow_ = new QHBoxLayout(presetsBox_);
    presetsRow_->setContentsMargins(0, 0, 0, 0);
    const model::Node* node = scenario_.find_node(fault_.target);
    if (!node) return;
    for (const Preset& preset : presetsFor(fault_, *node, mode_)) {
        auto* button = new QPushButton(preset.text, presetsBox_);
        button->setAutoDefault(false);
        connect(button, &QPushButton::clicked, this,
                [this, text = preset.text] { applyPreset(text); });
        presetsRow_->addWidget(button);
    }
    presetsRow_->addStretch(1);
}

QStringList FaultDialog::presets() const {
    QStringList out;
    for (auto* button : presetsBox_->findChildren<QPushButton*>()) out << button->text();
    return out;
}

bool FaultDialog::applyPreset(const QString& text) {
    const model::Node* node = scenario_.find_node(fault_.target);
    if (!node) return false;
    for (const Preset& preset : presetsFor(fault_, *node, mode_)) {
        if (preset.text != text) continue;
        preset.apply(fault_);
        for (const auto& p : model::fault_params(fault_.kind))
            if (auto* e = editors_.value(QString::fromStdString(p.key))) {
                e->setValue(p.get(fault_));
                e->showProblem({});
                editorProblems_.remove(QString::fromStdString(p.key));
            }
        refreshState();
        return true;
    }
    return false;
}

bool FaultDialog::setParam(const std::string& key, const model::ParamValue& value) {
    const model::FaultParam* param = model::find_fault_param(fault_.kind, key);
    if (!param) return false;
    const QString name = QString::fromStdString(key);
    QStringList lines;
    for (const auto& p : model::check_param(*param, value))
        lines << QString::fromStdString(p.message);
    ParamEditor* editor = editors_.value(name);
    if (!lines.isEmpty()) {
        editorProblems_.insert(name, lines.join(QStringLiteral("; ")));
        if (editor) editor->showProblem(editorProblems_.value(name));
        refreshState();
        return false;
    }
    param->set(fault_, value);
    editorProblems_.remove(name);
    if (editor) {
        editor->setValue(param->get(fault_));
        editor->showProblem({});
    }
    refreshState();
    return true;
}

QString FaultDialog::problems() const {
    QStringList lines;
    for (auto it = editorProblems_.begin(); it != editorProblems_.end(); ++it)
        lines << it.key() + QStringLiteral(": ") + it.value();
    if (fault_.kind == model::FaultKind::slow && fault_.extra_ms == 0 && fault_.factor == 1.0)
        lines << tr("slow: set extra_ms or a factor other than 1, or nothing changes");
    if (target_->count() == 0) lines << tr("no node in this scenario takes a fault");
    return lines.join(QLatin1Char('\n'));
}

void FaultDialog::refreshState() {
    const QString text = problems();
    problemLine_->setText(text);
    problemLine_->setVisible(!text.isEmpty());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(text.isEmpty());
}

}  // namespace flowlab::ui
