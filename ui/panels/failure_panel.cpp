#include "panels/failure_panel.hpp"

#include <QHeaderView>

#include "document/scenario_document.hpp"
#include "panels/node_name.hpp"

namespace flowlab::ui {

namespace {

using runtime::Reason;

/// The table's rows: every reason but `none`, in the engine's order.
constexpr int firstFailure = static_cast<int>(Reason::error);
constexpr int reasonCount = runtime::reason_count;

QString reasonTitle(Reason reason) {
    switch (reason) {
        case Reason::error: return FailurePanel::tr("error");
        case Reason::timeout: return FailurePanel::tr("timeout");
        case Reason::rejected: return FailurePanel::tr("rejected (backlog full)");
        case Reason::refused: return FailurePanel::tr("refused (down)");
        case Reason::breaker_open: return FailurePanel::tr("breaker open");
        case Reason::publish_rejected: return FailurePanel::tr("publish rejected");
        case Reason::unfinished: return FailurePanel::tr("unfinished");
        case Reason::rate_limited: return FailurePanel::tr("rate limited (429)");
        case Reason::none: break;
    }
    return FailurePanel::tr("none");
}

}  // namespace

FailurePanel::FailurePanel(ScenarioDocument* document, QWidget* parent)
    : QTableWidget(parent), document_(document) {
    setRowCount(reasonCount - firstFailure);
    QStringList rows;
    for (int r = firstFailure; r < reasonCount; ++r) rows << reasonTitle(static_cast<Reason>(r));
    setVerticalHeaderLabels(rows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    setToolTip(tr("Failed requests per client since the run began, by the reason they failed"));
    connect(document, &ScenarioDocument::changed, this, [this, document] {
        // Columns are named as the canvas names the clients; the id stays in the tooltip.
        clientIds_.clear();
        QStringList names;
        for (const auto& n : document->scenario().nodes) {
            if (n.kind != model::NodeKind::client) continue;
            clientIds_ << QString::fromStdString(n.id);
            names << nodeName(n);
        }
        setColumnCount(int(names.size()));
        setHorizontalHeaderLabels(names);
        for (int c = 0; c < columnCount(); ++c) horizontalHeaderItem(c)->setToolTip(clientIds_[c]);
    });
}

void FailurePanel::showFrame(const run::Frame& frame) {
    const auto& nodes = document_->scenario().nodes;
    if (frame.clients.size() != nodes.size()) return;  // an edit is on its way to the engine
    int column = 0;
    for (size_t i = 0; i < nodes.size() && column < columnCount(); ++i) {
        if (nodes[i].kind != model::NodeKind::client) continue;
        const auto& cf = frame.clients[i];
        for (int r = firstFailure; r < reasonCount; ++r) {
            const std::uint64_t failed = cf.failed(static_cast<Reason>(r));
            auto* cell = item(r - firstFailure, column);
            if (!cell) setItem(r - firstFailure, column, cell = new QTableWidgetItem);
            cell->setText(QString::number(failed));
            cell->setForeground(failed ? QColor(0xc6, 0x28, 0x28) : QColor(0x80, 0x80, 0x80));
        }
        ++column;
    }
}

qint64 FailurePanel::count(const QString& clientId, runtime::Reason reason) const {
    const int c = int(clientIds_.indexOf(clientId));
    const int r = static_cast<int>(reason);
    if (c >= 0 && c < columnCount() && r >= firstFailure && r < reasonCount)
        if (auto* cell = item(r - firstFailure, c)) return cell->text().toLongLong();
    return -1;
}

QString FailurePanel::columnTitle(const QString& clientId) const {
    const int c = int(clientIds_.indexOf(clientId));
    return c >= 0 && horizontalHeaderItem(c) ? horizontalHeaderItem(c)->text() : QString();
}

}  // namespace flowlab::ui
