#include "panels/message_inspector.hpp"

#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>

#include "canvas/node_style.hpp"
#include "document/scenario_document.hpp"
#include "flowlab/model/saga.hpp"
#include "panels/node_name.hpp"

namespace flowlab::ui {

namespace {

using runtime::HopKind;

constexpr int maxListed = 200;  // the newest moves kept for a node; more cannot be read

bool isMessage(HopKind kind) {
    return kind == HopKind::publish || kind == HopKind::delivery || kind == HopKind::dead_letter;
}

bool sameHop(const runtime::Hop& a, const runtime::Hop& b) {
    return a.edge == b.edge && a.sent == b.sent && a.kind == b.kind && a.subject.id == b.subject.id;
}

QString seconds(kernel::SimTime t) {
    const double s = kernel::to_s(t);
    return s < 1 ? QStringLiteral("%1 ms").arg(s * 1000, 0, 'f', 1)
                 : QStringLiteral("%1 s").arg(s, 0, 'f', 3);
}

/// "request #12", "message #40", or what is known when the id is not.
QString idText(const runtime::Hop& hop) {
    const auto& s = hop.subject;
    if (hop.kind == HopKind::publish)
        return MessageInspector::tr("a message on its way to the broker (no id until accepted)");
    if (isMessage(hop.kind)) return MessageInspector::tr("message #%1").arg(s.id);
    if (s.id == 0) return MessageInspector::tr("unknown: its user gave up, the work goes on");
    return MessageInspector::tr("request #%1").arg(s.id);
}

/// One line of the node's list.
/// What a call along an orchestrator's edge is in its saga: a step, or the undoing of one
/// (an edge that is both, a step undone by its own service, says both).
QString sagaRole(const model::Scenario& scenario, std::size_t edge) {
    const model::Node* from = scenario.find_node(scenario.edges[edge].from);
    if (!from || from->kind != model::NodeKind::orchestrator) return {};
    const auto steps =
        model::saga_steps(scenario, static_cast<std::size_t>(from - scenario.nodes.data()));
    QStringList roles;
    for (std::size_t k = 0; k < steps.size(); ++k) {
        if (steps[k].edge == edge)
            roles << MessageInspector::tr("saga step %1 of %2").arg(k + 1).arg(steps.size());
        if (steps[k].undo == edge)
            roles << MessageInspector::tr("compensation of step %1 (%2)")
                         .arg(k + 1)
                         .arg(QString::fromStdString(scenario.edges[steps[k].edge].to));
    }
    return roles.isEmpty() ? QString() : QStringLiteral(" — ") + roles.join(QStringLiteral(", "));
}

QString listLine(const model::Scenario& scenario, const runtime::Hop& hop) {
    const auto& e = scenario.edges[hop.edge];
    auto nameOf = [&](const std::string& id) {
        const model::Node* n = scenario.find_node(id);
        return n ? nodeName(*n) : QString::fromStdString(id);
    };
    const QString from = nameOf(e.from), to = nameOf(e.to);
    const bool back = hop.kind == HopKind::response;
    return QStringLiteral("%1 %2  %3 → %4%5")
        .arg(hopTitle(hop.kind), idText(hop).section(QLatin1Char(':'), 0, 0), back ? to : from,
             back ? from : to, hop.failed ? MessageInspector::tr("  (failed)") : QString());
}

}  // namespace

MessageInspector::MessageInspector(ScenarioDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
    // The fields scroll with the list: in a short dock, wrapped values keep their height.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto* content = new QWidget(scroll);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    heading_ = new QLabel(this);
    heading_->setWordWrap(true);
    QFont large = heading_->font();
    large.setPointSizeF(large.pointSizeF() * 1.25);
    heading_->setFont(large);
    layout->addWidget(heading_);
    form_ = new QFormLayout;
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const std::pair<const char*, QString> rows[] = {
        {"what", tr("what")},       {"id", tr("id")},
        {"request", tr("for")},     {"path", tr("path so far")},
        {"attempt", tr("attempt")}, {"redeliveries", tr("redeliveries")},
        {"trace", tr("trace")},     {"age", tr("age")},
        {"hop", tr("this hop")},
    };
    for (const auto& [key, title] : rows) {
        auto* value = new QLabel(this);
        value->setWordWrap(true);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        fields_.insert(QString::fromLatin1(key), value);
        form_->addRow(title, value);
    }
    layout->addLayout(form_);
    listTitle_ = new QLabel(this);
    listTitle_->setWordWrap(true);
    layout->addWidget(listTitle_);
    list_ = new QListWidget(this);
    list_->setMinimumHeight(120);
    layout->addWidget(list_, 1);
    connect(list_, &QListWidget::currentRowChanged, this, &MessageInspector::pickListed);
    render();
}

void MessageInspector::showHop(const runtime::Hop& hop, const run::Frame& frame) {
    hop_ = hop;
    pickedAt_ = frame.now;
    now_ = frame.now;
    stillInFlight_ = hop.arrives >= frame.now;
    render();
}

void MessageInspector::setNode(const QString& id) {
    if (id == node_) return;
    node_ = id;
    listed_.clear();
    list_->clear();
    render();
}

void MessageInspector::showFrame(const run::Frame& frame) {
    now_ = frame.now;
    if (hop_) {
        stillInFlight_ = false;
        for (const auto& h : frame.tokens)
            if (sameHop(h, *hop_)) stillInFlight_ = true;
    }
    refreshList(frame);
    render();
}

void MessageInspector::refreshList(const run::Frame& frame) {
    const auto& scenario = document_->scenario();
    const model::Node* node = scenario.find_node(node_.toStdString());
    if (!node) {
        listTitle_->setText(
            tr("Select a node to list the messages and requests that moved to or from it, "
               "or click a token on the canvas (pause first)."));
        list_->clear();
        listed_.clear();
        return;
    }
    // Most edges have no latency: a hop is over within its frame, so the list keeps the
    // newest maxListed hops seen at this node (newest first) rather than only those still
    // on their way, and it stays filled when the run is paused.
    std::vector<runtime::Hop> fresh;
    for (const auto& h : frame.tokens) {
        if (h.edge >= scenario.edges.size()) continue;
        const auto& e = scenario.edges[h.edge];
        if (e.from != node->id && e.to != node->id) continue;
        bool known = false;
        for (const auto& seen : listed_) known = known || sameHop(seen, h);
        if (!known) fresh.push_back(h);
    }
    std::sort(fresh.begin(), fresh.end(),
              [](const runtime::Hop& a, const runtime::Hop& b) { return a.sent > b.sent; });
    if (fresh.size() > std::size_t(maxListed)) fresh.resize(std::size_t(maxListed));
    fresh.insert(fresh.end(), listed_.begin(), listed_.end());
    if (fresh.size() > std::size_t(maxListed)) fresh.resize(std::size_t(maxListed));
    int travelling = 0;
    for (const auto& h : fresh) travelling += h.arrives > frame.now;
    listTitle_->setText(tr("Latest %1 moves to or from %2 (newest first), %3 on the way at "
                           "t = %4 s:")
                            .arg(fresh.size())
                            .arg(nodeName(*node))
                            .arg(travelling)
                            .arg(kernel::to_s(frame.now), 0, 'f', 3));
    const QSignalBlocker quiet(list_);
    list_->clear();
    listed_ = std::move(fresh);
    for (const auto& h : listed_) list_->addItem(listLine(scenario, h));
    for (std::size_t k = 0; hop_ && k < listed_.size(); ++k)
        if (sameHop(listed_[k], *hop_)) list_->setCurrentRow(int(k));  // it moved down
}

int MessageInspector::listedCount() const { return int(listed_.size()); }

void MessageInspector::pickListed(int row) {
    if (row < 0 || row >= int(listed_.size())) return;
    hop_ = listed_[size_t(row)];
    pickedAt_ = now_;
    stillInFlight_ = hop_->arrives > now_;
    render();
}

QString MessageInspector::field(const QString& name) const {
    const QLabel* label = fields_.value(name);
    return label ? label->text() : QString();
}

QString MessageInspector::pathText(const runtime::Hop& hop) const {
    const auto& scenario = document_->scenario();
    const auto& s = hop.subject;
    QStringList names;
    for (std::size_t i = 0; i < s.path_len; ++i) names << nodeName(scenario, int(s.path[i]));
    QString text =
        (s.path_cut ? QStringLiteral("… → ") : QString()) + names.join(QStringLiteral(" → "));
    // A message's record starts at its broker: name who publishes into it.
    if (isMessage(hop.kind) && hop.kind != HopKind::publish && s.path_len > 0) {
        QStringList publishers;
        const std::string& broker = scenario.nodes[s.path[0]].id;
        for (const auto& e : scenario.edges)
            if (e.to == broker && e.mode == model::EdgeMode::async)
                if (const model::Node* p = scenario.find_node(e.from)) publishers << nodeName(*p);
        if (!publishers.isEmpty())
            text = publishers.join(tr(" or ")) + QStringLiteral(" → ") + text;
    }
    const auto& e = scenario.edges[hop.edge];
    const std::string& next = hop.kind == HopKind::response ? e.from : e.to;
    if (const model::Node* n = scenario.find_node(next))
        text += QStringLiteral(" ⇢ %1").arg(nodeName(*n));
    return text;
}

void MessageInspector::render() {
    const auto& scenario = document_->scenario();
    if (!hop_ || hop_->edge >= scenario.edges.size()) {
        heading_->setText(tr("<b>Message</b> — click a token on the canvas or pick one below"));
        for (QLabel* l : fields_) l->clear();
        return;
    }
    const runtime::Hop& hop = *hop_;
    const auto& s = hop.subject;
    const bool message = isMessage(hop.kind);
    QString what = hopTitle(hop.kind);
    if (hop.kind == HopKind::response)
        what += hop.failed ? tr(": a failure going back") : tr(": an answer going back");
    if (hop.kind == HopKind::request) what += tr(": a call on its way");
    if (hop.kind == HopKind::delivery) what += tr(": a consumer receives it");
    if (hop.kind == HopKind::dead_letter) what += tr(": given up, to the DLQ");
    if (!message) what += sagaRole(scenario, hop.edge);  // where the saga is: in its caller
    fields_["what"]->setText(what);
    fields_["id"]->setText(idText(hop));
    fields_["request"]->setText(!message ? tr("a user of %1")
                                               .arg(s.path_len && !s.path_cut
                                                        ? nodeName(scenario, int(s.path[0]))
                                                        : tr("a client"))
                                : s.request ? tr("request #%1").arg(s.request)
                                            : tr("no open user request"));
    fields_["path"]->setText(pathText(hop));
    if (hop.kind == HopKind::publish) {
        fields_["attempt"]->setText(tr("—"));
    } else if (message) {
        fields_["attempt"]->setText(tr("%1 of this receive").arg(s.attempt));
    } else {
        fields_["attempt"]->setText(
            s.attempt <= 1 ? tr("1 (the first)")
                           : tr("%1 (%2 retries before it)").arg(s.attempt).arg(s.attempt - 1));
    }
    const model::Node* broker = message && s.path_len ? &scenario.nodes[s.path[0]] : nullptr;
    if (!message || hop.kind == HopKind::publish)
        fields_["redeliveries"]->setText(tr("—"));
    else if (broker && broker->kind == model::NodeKind::topic)
        fields_["redeliveries"]->setText(tr("not counted on a topic"));
    else
        fields_["redeliveries"]->setText(
            s.redeliveries == 0
                ? tr("0 (first receive)")
                : tr("%1 (this is receive %2)").arg(s.redeliveries).arg(s.redeliveries + 1));
    if (s.trace_id != 0)
        fields_["trace"]->setText(tr("#%1 (see Traces)").arg(s.trace_id));
    else if (message && hop.kind != HopKind::publish && !scenario.trace.propagate)
        fields_["trace"]->setText(tr("none: context not propagated"));
    else
        fields_["trace"]->setText(tr("not sampled (%1 % are)").arg(scenario.trace.sample * 100));
    // The age when last seen: now while this hop travels, else when it arrived (a frame
    // lists every hop of its slice, some of them already over).
    const bool travelling = stillInFlight_ && hop.arrives > now_;
    const kernel::SimTime seen = travelling ? now_ : std::min(hop.arrives, pickedAt_);
    const bool known = message || s.id != 0;
    fields_["age"]->setText(known ? tr("%1 since %2, %3")
                                        .arg(seconds(seen - s.born),
                                             hop.kind == HopKind::publish ? tr("it was published")
                                             : message ? tr("the broker accepted it")
                                                       : tr("the user sent it"),
                                             travelling ? tr("now") : tr("when this hop arrived"))
                                  : tr("unknown"));
    // The gist on top, large, for a short dock: what, which, how often tried, how old.
    QStringList gist;
    gist << QStringLiteral("<b>%1</b>").arg(idText(hop).section(QLatin1Char(':'), 0, 0));
    gist << hopTitle(hop.kind);
    if (hop.kind != HopKind::publish) gist << tr("attempt %1").arg(s.attempt);
    if (message && s.redeliveries > 0) gist << tr("redelivered %1×").arg(s.redeliveries);
    if (known) gist << tr("age %1").arg(seconds(seen - s.born));
    heading_->setText(
        gist.join(QStringLiteral(" · ")) +
        tr("<br><small>as of t = %1 s</small>").arg(kernel::to_s(pickedAt_), 0, 'f', 3));
    fields_["hop"]->setText(tr("sent at %1 s, %2 at %3 s")
                                .arg(kernel::to_s(hop.sent), 0, 'f', 3)
                                .arg(travelling ? tr("arrives") : tr("arrived"))
                                .arg(kernel::to_s(hop.arrives), 0, 'f', 3));
}

}  // namespace flowlab::ui
