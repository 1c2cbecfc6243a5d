#pragma once
/// A scrolling column of figure cards, as wide as its cards need: the watch panel's and
/// the compare watch's common frame.

#include <QScrollArea>

class QVBoxLayout;

namespace flowlab::ui {

class FigureColumn : public QScrollArea {
    Q_OBJECT
public:
    explicit FigureColumn(QWidget* parent = nullptr);

    /// The width the cards need, each figure whole (plus the scroll bar's).
    int neededWidth() const;

protected:
    /// The cards' parent, and their layout (a stretch at its end keeps them at the top:
    /// insert cards before it).
    QWidget* content_;
    QVBoxLayout* layout_;
};

}  // namespace flowlab::ui
