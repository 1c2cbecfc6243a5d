#include "panels/failure_panel.hpp"

#include <QHeaderView>

#include "document/scenario_document.hpp"

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
        QStringList clients;
        for (const auto& n : document->scenario().nodes)
            if (n.kind == model::NodeKind::client) clients << QString::fromStdString(n.id);
        setColumnCount(int(clients.size()));
        setHorizontalHeaderLabels(clients);
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
            cell->setForeground(cf.failed_by_reason[r] ? QColor(0xc6, 0x28, 0x28) : QColor(0x80, 0x80, 0x80));
        }
        ++column;
    }
}

qint64 FailurePanel::count(const QString& clientId, int reason) const {
    for (int c = 0; c < columnCount(); ++c)
        if (horizontalHeaderItem(c) && horizontalHeaderItem(c)->text() == clientId && reason >= 1 && reason < reasonCount)
            if (auto* cell = item(reason - 1, c)) return cell->text().toLongLong();
    return -1;
}

}  // namespace flowlab::ui
