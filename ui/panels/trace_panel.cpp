#include "panels/trace_panel.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>

#include "document/scenario_document.hpp"
#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/run/metric_path.hpp"
#include "panels/node_name.hpp"
#include "panels/trace_waterfall.hpp"

namespace flowlab::ui {

namespace {

constexpr std::size_t maxOrphanTrees = 2;

QString count(double v) { return QLocale(QLocale::English).toString(qlonglong(v)); }

}  // namespace

TracePanel::TracePanel(ScenarioDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
    header_ = new QLabel(this);
    header_->setTextFormat(Qt::RichText);
    header_->setStyleSheet(QStringLiteral("font-size: 15px; color: #263238;"));
    list_ = new QComboBox(this);
    list_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    list_->setToolTip(tr(
        "The recent sampled requests; the view follows the newest settled one until you pick one"));
    list_->setStyleSheet(QStringLiteral("font-size: 13px;"));
    connect(list_, &QComboBox::activated, this, &TracePanel::onListActivated);
    waterfall_ = new TraceWaterfall(this);
    scroll_ = new QScrollArea(this);
    scroll_->setWidget(waterfall_);
    scroll_->setWidgetResizable(true);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* top = new QHBoxLayout;
    top->setContentsMargins(6, 2, 6, 2);
    top->addWidget(header_, 1);
    top->addWidget(new QLabel(tr("Request:"), this));
    top->addWidget(list_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(scroll_, 1);
    list_->addItem(tr("Latest settled"), QVariant());
}

void TracePanel::showFrame(const run::Frame& frame) {
    // Spans name nodes by index: while an edit is on its way to the engine they would
    // name the wrong ones.
    if (frame.nodes.size() != document_->scenario().nodes.size()) return;
    now_ = kernel::to_s(frame.now);
    all_ = frame.traces;
    traces_.clear();
    for (const auto& t : frame.traces)
        if (!t.orphan) traces_.push_back(t);

    // The report's trace figures: the same three the lessons quote.
    QString text;
    if (frame.report) {
        const auto sampled = run::metric_value(*frame.report, "traces.sampled");
        const auto connected = run::metric_value(*frame.report, "traces.connected");
        const auto orphans = run::metric_value(*frame.report, "traces.orphan_spans");
        if (sampled && connected && orphans) {
            const QString orphanColour =
                *orphans > 0 ? QStringLiteral("#c25e00") : QStringLiteral("#263238");
            text = tr("<b>%1</b> requests traced · <b>%2</b> connected · <b "
                      "style='color:%3'>%4</b> orphan spans")
                       .arg(count(*sampled), count(*connected), orphanColour, count(*orphans));
        }
    }
    const bool propagate = document_->scenario().trace.propagate;
    text += propagate ? tr("<br>Trace context is carried through queues")
                      : tr("<br><span style='color:#c25e00'>Trace context is <b>dropped</b> at "
                           "queues</span>");
    if (header_->text() != text) header_->setText(text);
    refreshList();
    redraw();
}

void TracePanel::refreshList() {
    // Rebuilt only when the set of traces changes, so an open drop-down does not flicker.
    // Newest first; a held trace the engine no longer lists stays at the end.
    std::vector<const run::TraceFrame*> entries;
    for (auto it = traces_.rbegin(); it != traces_.rend(); ++it) entries.push_back(&*it);
    if (held_ && shown_.trace_id == *held_ &&
        std::none_of(entries.begin(), entries.end(),
                     [&](const run::TraceFrame* t) { return t->trace_id == *held_; }))
        entries.push_back(&shown_);
    std::vector<std::uint64_t> ids, listed;
    for (const auto* t : entries) ids.push_back(t->trace_id);
    for (int i = 1; i < list_->count(); ++i) listed.push_back(list_->itemData(i).toULongLong());
    if (ids == listed) return;
    const QSignalBlocker block(list_);
    while (list_->count() > 1) list_->removeItem(1);
    const auto& scenario = document_->scenario();
    for (const run::TraceFrame* t : entries) {
        const QString root =
            t->spans.empty() ? QString() : nodeName(scenario, t->spans.front().node);
        list_->addItem(tr("%1 at %2 s · %n span(s)", nullptr, int(t->spans.size()))
                           .arg(root, QString::number(traceStartS(*t), 'f', 2)),
                       QVariant::fromValue<qulonglong>(t->trace_id));
    }
    int current = 0;
    if (held_)
        for (int i = 1; i < list_->count(); ++i)
            if (list_->itemData(i).toULongLong() == *held_) current = i;
    list_->setCurrentIndex(current);
}

void TracePanel::onListActivated(int index) {
    if (index <= 0)
        held_.reset();
    else
        held_ = list_->itemData(index).toULongLong();
    redraw();
}

void TracePanel::followLatest() {
    held_.reset();
    list_->setCurrentIndex(0);
    shown_ = {};
    shownOrphans_.clear();
    redraw();
}

void TracePanel::selectLatestTraceOf(int clientIndex) {
    for (auto it = traces_.rbegin(); it != traces_.rend(); ++it) {
        if (it->spans.empty() || it->spans.front().node != clientIndex) continue;
        held_ = it->trace_id;
        refreshList();
        for (int i = 1; i < list_->count(); ++i)
            if (list_->itemData(i).toULongLong() == *held_) list_->setCurrentIndex(i);
        redraw();
        return;
    }
}

void TracePanel::redraw() {
    const run::TraceFrame* chosen = nullptr;
    if (held_) {
        for (const auto& t : traces_)
            if (t.trace_id == *held_) chosen = &t;
    } else {
        // The newest request whose picture will not change any more: following the newest
        // one would show its messages' work appearing under the student's eyes.
        for (auto it = traces_.rbegin(); it != traces_.rend() && !chosen; ++it)
            if (traceSettled(*it, document_->scenario())) chosen = &*it;
        // None settled (a backlog, or many traced requests a second): the oldest listed
        // has had the longest time to complete, and shows what it still waits for.
        if (!chosen && !traces_.empty()) chosen = &traces_.front();
    }
    // A held trace that left the frame's list keeps its last picture.
    if (chosen) {
        shown_ = *chosen;
        shownOrphans_ = orphansNear(shown_, all_, maxOrphanTrees);
    }
    const bool sampling = document_->scenario().trace.sample > 0;
    waterfall_->setEmptyText(sampling
                                 ? tr("No traced request has finished yet: run the scenario.")
                                 : tr("This scenario traces no requests (trace.sample is 0)."));
    waterfall_->setTrace(layoutTrace(shown_, shownOrphans_, document_->scenario(), now_));
}

const TraceLayout& TracePanel::traceLayout() const { return waterfall_->traceLayout(); }

QString TracePanel::headerText() const { return header_->text(); }

}  // namespace flowlab::ui
