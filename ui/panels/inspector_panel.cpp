#include "panels/inspector_panel.hpp"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "canvas/node_style.hpp"
#include "document/scenario_document.hpp"
#include "flowlab/model/param_path.hpp"
#include "panels/param_editor.hpp"

namespace flowlab::ui {

namespace {

/// Trace settings share the run settings' page: their editors are keyed "trace.sample".
const QString traceKeyPrefix = QStringLiteral("trace.");

}  // namespace

InspectorPanel::InspectorPanel(ScenarioDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    layout->addWidget(title_);
    scroll_ = new QScrollArea(this);
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll_);
    connect(document_, &ScenarioDocument::changed, this, [this](bool structural) {
        if (!structural) return refreshValues();
        // The target may have gone (deleted, undone); fall back to the run settings.
        if (!nodeId_.isEmpty() && !document_->scenario().find_node(nodeId_.toStdString()))
            nodeId_.clear();
        if (edgeIndex_ >= int(document_->scenario().edges.size())) edgeIndex_ = -1;
        rebuild();
    });
    rebuild();
}

void InspectorPanel::setTarget(const QString& nodeId, int edgeIndex) {
    if (nodeId == nodeId_ && edgeIndex == edgeIndex_ && content_) return;
    nodeId_ = nodeId;
    edgeIndex_ = nodeId.isEmpty() ? edgeIndex : -1;
    rebuild();
}

ParamEditor* InspectorPanel::editor(const QString& key) const { return editors_.value(key); }

QList<QPushButton*> InspectorPanel::actionButtons() const {
    return content_ ? content_->findChildren<QPushButton*>(QStringLiteral("nodeAction"))
                    : QList<QPushButton*>();
}

void InspectorPanel::addNodeActions(QFormLayout* form, const model::Node& node) {
    bool takesFaults = false;
    for (std::size_t k = 0; k < model::fault_kind_names().size(); ++k)
        takesFaults |= model::fault_applies_to(static_cast<model::FaultKind>(k), node.kind);
    const bool dlq = node.kind == model::NodeKind::dlq;
    if (!takesFaults && !dlq) return;
    auto* row = new QWidget(content_);
    auto* buttons = new QHBoxLayout(row);
    buttons->setContentsMargins(0, 0, 0, 0);
    auto addButton = [&](const QString& text, const QString& tip, auto signal) {
        auto* b = new QPushButton(text, row);
        b->setObjectName(QStringLiteral("nodeAction"));
        b->setToolTip(tip);
        connect(b, &QPushButton::clicked, this, [this, signal] { emit(this->*signal)(nodeId_); });
        buttons->addWidget(b);
    };
    if (takesFaults) {
        addButton(tr("Fault…"), tr("Inject a fault now, with its strength and duration"),
                  &InspectorPanel::faultDialogRequested);
        addButton(tr("Schedule…"), tr("Add a fault to the scenario's plan (Faults panel)"),
                  &InspectorPanel::scheduleFaultRequested);
    }
    if (dlq)
        addButton(tr("Redrive"), tr("Move every dead letter held here back to its queue or topic"),
                  &InspectorPanel::redriveRequested);
    buttons->addStretch(1);
    form->addRow(row);
}

void InspectorPanel::addEditor(QFormLayout* form, const QString& key, const model::ParamInfo& info,
                               const model::ParamValue& value, QWidget* parent) {
    auto* editor = new ParamEditor(info, parent);
    editor->setValue(value);
    connect(editor, &ParamEditor::edited, this,
            [this, key](const model::ParamValue& v) { commit(key, v); });
    editors_.insert(key, editor);
    auto* name = new QLabel(QString::fromStdString(info.key), parent);
    name->setToolTip(QString::fromStdString(info.description));
    form->addRow(name, editor);
}

template <class Owner>
void InspectorPanel::addParams(QFormLayout* form, const std::vector<model::Param<Owner>>& params,
                               const Owner& owner,
                               const std::function<bool(const std::string&)>& applies) {
    for (const auto& p : params) {
        if (!applies(p.key)) continue;
        const QString key = QString::fromStdString(p.key);
        if (p.type != model::ParamType::group) {
            addEditor(form, key, p, p.get(owner), content_);
            continue;
        }
        // A group (retry, breaker, autoscale): a checkable box whose fields appear when on.
        auto* box = new QGroupBox(key, content_);
        box->setCheckable(true);
        const bool present = std::get<bool>(p.get(owner));
        box->setChecked(present);
        box->setToolTip(QString::fromStdString(p.description + "\n" + p.absent));
        auto* inner = new QFormLayout(box);
        for (const auto& f : p.fields) {
            if (!present) break;
            addEditor(inner, key + QLatin1Char('.') + QString::fromStdString(f.key), f,
                      f.get(owner), box);
        }
        connect(box, &QGroupBox::toggled, this, [this, key](bool on) {
            commit(key, model::ParamValue(on));
            // Its fields appear or go; not from inside the box's own signal.
            QMetaObject::invokeMethod(this, &InspectorPanel::rebuild, Qt::QueuedConnection);
        });
        form->addRow(box);
    }
}

void InspectorPanel::rebuild() {
    editors_.clear();
    label_ = nullptr;
    content_ = new QWidget;
    auto* form = new QFormLayout(content_);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto& scenario = document_->scenario();
    if (const model::Node* node = scenario.find_node(nodeId_.toStdString())) {
        title_->setText(tr("<b>%1</b> — %2").arg(nodeId_, kindTitle(node->kind)));
        label_ = new QLineEdit(QString::fromStdString(node->label), content_);
        label_->setPlaceholderText(tr("shown instead of the id"));
        connect(label_, &QLineEdit::editingFinished, this, [this] {
            if (label_ && label_->isModified()) document_->setNodeLabel(nodeId_, label_->text());
        });
        form->addRow(tr("label"), label_);
        addNodeActions(form, *node);
        addParams<model::Node>(form, model::node_params(node->kind), *node,
                               [](const std::string&) { return true; });
        if (model::node_params(node->kind).empty())
            form->addRow(new QLabel(tr("A dead-letter queue has no parameters."), content_));
        if (document_->isLocked(nodeId_)) showLocked(form);
    } else if (edgeIndex_ >= 0 && edgeIndex_ < int(scenario.edges.size())) {
        const model::Edge& edge = scenario.edges[edgeIndex_];
        const model::Node* to = scenario.find_node(edge.to);
        title_->setText(tr("<b>%1 → %2</b> — %3 edge")
                            .arg(QString::fromStdString(edge.from), QString::fromStdString(edge.to),
                                 QString::fromUtf8(model::to_string(edge.mode))));
        const auto mode = edge.mode;
        const std::optional<model::NodeKind> toKind = to ? std::optional(to->kind) : std::nullopt;
        addParams<model::Edge>(form, model::edge_params(), edge,
                               [mode, toKind](const std::string& key) {
                                   return model::edge_param_applies(key, mode, toKind);
                               });
    } else {
        title_->setText(tr("<b>Run settings</b> — select a node or an edge to edit it"));
        addParams<model::RunSettings>(form, model::run_params(), scenario.run,
                                      [](const std::string&) { return true; });
        // Tracing: which requests are sampled, and whether context crosses queues.
        auto* heading = new QLabel(tr("<b>trace</b>"), content_);
        form->addRow(heading);
        for (const auto& p : model::trace_params())
            addEditor(form, traceKeyPrefix + QString::fromStdString(p.key), p,
                      p.get(scenario.trace), content_);
    }
    scroll_->setWidget(content_);
}

void InspectorPanel::showLocked(QFormLayout* form) {
    // Read-only, not hidden: the student needs the locked figures to design around them.
    for (auto* editor : std::as_const(editors_)) editor->setEnabled(false);
    for (auto* box : content_->findChildren<QGroupBox*>()) box->setEnabled(false);
    auto* note = new QLabel(
        tr("Locked by the challenge: its parameters stay as given (the label and its place "
           "on the canvas are yours)."),
        content_);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("QLabel { color: #6a1b9a; font-weight: bold; }"));
    form->insertRow(0, note);
}

std::optional<model::ParamValue> InspectorPanel::currentValue(const QString& key) const {
    const auto& scenario = document_->scenario();
    // A path of model/param_path.hpp; nodes and edges by position: an id of digits reads
    // as one. Trace editors are keyed by their own path already.
    std::string path = "run." + key.toStdString();
    if (const int node = document_->nodeIndex(nodeId_); node >= 0)
        path = "nodes." + std::to_string(node) + "." + key.toStdString();
    else if (edgeIndex_ >= 0 && edgeIndex_ < int(scenario.edges.size()))
        path = "edges." + std::to_string(edgeIndex_) + "." + key.toStdString();
    else if (key.startsWith(traceKeyPrefix))
        path = key.toStdString();
    const auto param = model::find_param(scenario, path);
    return param ? std::optional(param->get(scenario)) : std::nullopt;
}

void InspectorPanel::refreshValues() {
    // A group switched on or off changes which editors exist: rebuild then.
    for (auto* box : content_->findChildren<QGroupBox*>()) {
        const auto v = currentValue(box->title());
        if (v && std::get_if<bool>(&*v) && *std::get_if<bool>(&*v) != box->isChecked())
            return rebuild();
    }
    for (auto it = editors_.begin(); it != editors_.end(); ++it) {
        if (const auto v = currentValue(it.key())) it.value()->setValue(*v);
        it.value()->showProblem({});
    }
    if (label_ && !label_->hasFocus())
        if (const model::Node* node = document_->scenario().find_node(nodeId_.toStdString()))
            label_->setText(QString::fromStdString(node->label));
}

void InspectorPanel::commit(const QString& key, const model::ParamValue& value) {
    QString why;
    bool ok = false;
    const std::string k = key.toStdString();
    if (!nodeId_.isEmpty())
        ok = document_->setNodeParam(nodeId_, k, value, &why);
    else if (edgeIndex_ >= 0)
        ok = document_->setEdgeParam(edgeIndex_, k, value, &why);
    else if (key.startsWith(traceKeyPrefix))
        ok = document_->setTraceParam(key.mid(traceKeyPrefix.size()).toStdString(), value, &why);
    else
        ok = document_->setRunParam(k, value, &why);
    if (ParamEditor* e = editors_.value(key)) e->showProblem(ok ? QString() : why);
}

}  // namespace flowlab::ui
