#include "panels/figure_column.hpp"

#include <QScrollBar>
#include <QVBoxLayout>

namespace flowlab::ui {

FigureColumn::FigureColumn(QWidget* parent) : QScrollArea(parent) {
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    content_ = new QWidget(this);
    layout_ = new QVBoxLayout(content_);
    layout_->setContentsMargins(4, 4, 4, 4);
    layout_->setSpacing(5);
    layout_->addStretch(1);
    setWidget(content_);
}

int FigureColumn::neededWidth() const {
    return content_->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width() + 4;
}

}  // namespace flowlab::ui
