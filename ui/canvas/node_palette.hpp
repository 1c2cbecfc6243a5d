#pragma once
/// The palette of node kinds; drag one onto the canvas to add a node.

#include <QListWidget>

namespace flowlab::ui {

class NodePalette : public QListWidget {
    Q_OBJECT
public:
    explicit NodePalette(QWidget* parent = nullptr);

protected:
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override;
};

}  // namespace flowlab::ui
