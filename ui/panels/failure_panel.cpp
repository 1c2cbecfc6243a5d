#include "panels/failure_panel.hpp"

#include <QHeaderView>

#include "document/scenario_document.hpp"
#include "panels/node_name.hpp"

namespace flowlab::ui {

namespace {

/// runtime::Reason, in its order (index 0, none, is never a failure).
constexpr int reasonCount = 8;

QString reasonTitle(int reason) {
    switch (reason) {
        case 1: return FailurePanel::tr("error");
        case 2: return FailurePanel::tr("timeout");
        case 3: return FailurePanel::tr("rejected (backlog full)");
        case 4: return FailurePanel::tr("refused (down)");
        case 5: return FailurePanel::tr("breaker open");
        case 6: return FailurePanel::tr("publish rejected");
        case 7: return FailurePanel::tr("unfinished");
        default: return FailurePanel::tr("none");
    }
}

}  // namespace

FailurePanel::FailurePanel(ScenarioDocument* document, QWidget* parent)
    : QTableWidget(parent), document_(document) {
    setRowCount(reasonCount - 1);
    QStringList rows;
    for (int r = 1; r < reasonCount; ++r) rows << reasonTitle(r);
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
        for (int r = 1; r < reasonCount; ++r) {
            auto* cell = item(r - 1, column);
            if (!cell) setItem(r - 1, column, cell = new QTableWidgetItem);
            cell->setText(QString::number(cf.failed_by_reason[r]));
            cell->setForeground(cf.failed_by_reason[r] ? QColor(0xc6, 0x28, 0x28)
                                                       : QColor(0x80, 0x80, 0x80));
        }
        ++column;
    }
}

qint64 FailurePanel::count(const QString& clientId, int reason) const {
    const int c = int(clientIds_.indexOf(clientId));
    if (c >= 0 && c < columnCount() && reason >= 1 && reason < reasonCount)
        if (auto* cell = item(reason - 1, c)) return cell->text().toLongLong();
    return -1;
}

QString FailurePanel::columnTitle(const QString& clientId) const {
    const int c = int(clientIds_.indexOf(clientId));
    return c >= 0 && horizontalHeaderItem(c) ? horizontalHeaderItem(c)->text() : QString();
}

}  // namespace flowlab::ui
