#include "canvas/node_palette.hpp"

#include <QMimeData>
#include <QPainter>
#include <QPixmap>

#include "canvas/node_style.hpp"
#include "flowlab/model/schema.hpp"

namespace flowlab::ui {

NodePalette::NodePalette(QWidget* parent) : QListWidget(parent) {
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(18, 18));
    setToolTip(
        tr("Drag a kind onto the canvas. Connect nodes by dragging from a node's port "
           "(the dot on its right) or with Shift+drag."));
    const auto& names = model::node_kind_names();
    for (size_t k = 0; k < names.size(); ++k) {
        const auto kind = static_cast<model::NodeKind>(k);
        QPixmap swatch(18, 18);
        swatch.fill(Qt::transparent);
        QPainter p(&swatch);
        p.setRenderHint(QPainter::Antialiasing);
        p.setBrush(kindColor(kind));
        p.setPen(Qt::NoPen);
        p.drawRoundedRect(QRectF(1, 1, 16, 16), 3, 3);
        p.end();
        auto* item = new QListWidgetItem(QIcon(swatch), kindTitle(kind), this);
        item->setData(Qt::UserRole, QString::fromStdString(names[k]));
    }
    setMaximumHeight(sizeHintForRow(0) * count() + 8);
}

QStringList NodePalette::mimeTypes() const { return {nodeKindMimeType()}; }

QMimeData* NodePalette::mimeData(const QList<QListWidgetItem*>& items) const {
    if (items.isEmpty()) return nullptr;
    auto* data = new QMimeData;
    data->setData(nodeKindMimeType(), items.first()->data(Qt::UserRole).toString().toUtf8());
    return data;
}

}  // namespace flowlab::ui
