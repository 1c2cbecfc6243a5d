#include "canvas/token_layer.hpp"

#include <QPainter>

namespace flowlab::ui {

TokenLayer::TokenLayer() {
    setZValue(2);
    setAcceptedMouseButtons(Qt::NoButton);
}

void TokenLayer::setTokens(std::vector<Token> tokens, const QRectF& area) {
    if (area != area_) prepareGeometryChange();
    area_ = area;
    tokens_ = std::move(tokens);
    update();
}

void TokenLayer::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(Qt::white, 1));
    for (const auto& token : tokens_) {
        p->setBrush(token.color);
        p->drawEllipse(token.pos, 4.5, 4.5);
    }
}

}  // namespace flowlab::ui
