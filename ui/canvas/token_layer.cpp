#include "canvas/token_layer.hpp"

#include <QPaintDevice>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

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

qreal TokenLayer::screenRadius(qreal zoom) {
    // Half-pixel steps: a handful of sprite sizes, and no resampling blur.
    return std::max(minScreenRadius, std::round(sceneRadius * zoom * 2) / 2);
}

const QPixmap& TokenLayer::sprite(QRgb color, qreal radius, qreal dpr) {
    if (radius != spriteRadius_ || dpr != spriteDpr_) {
        sprites_.clear();
        spriteRadius_ = radius;
        spriteDpr_ = dpr;
    }
    auto it = sprites_.find(color);
    if (it != sprites_.end()) return *it;
    const int side = int(std::ceil((2 * radius + 2) * dpr));
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    {
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(dpr, dpr);
        p.setPen(QPen(Qt::white, 1));
        p.setBrush(QColor::fromRgba(color));
        const qreal c = side / dpr / 2;
        p.drawEllipse(QPointF(c, c), radius, radius);
    }
    return *sprites_.insert(color, pixmap);
}

void TokenLayer::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
    if (tokens_.empty()) return;
    const QTransform world = p->worldTransform();
    const qreal radius = screenRadius(option->levelOfDetailFromTransform(world));
    const qreal dpr = p->device() ? p->device()->devicePixelRatioF() : 1.0;
    // Device pixels the painter can reach, with a sprite's margin.
    QRectF visible(0, 0, p->device() ? p->device()->width() : 1e6, p->device() ? p->device()->height() : 1e6);
    visible.adjust(-2 * radius, -2 * radius, 2 * radius, 2 * radius);

    // One batch per colour: tokens come in a handful of colours.
    struct Batch {
        QRgb color;
        std::vector<QPainter::PixmapFragment> fragments;
    };
    std::vector<Batch> batches;
    for (const auto& token : tokens_) {
        const QPointF at = world.map(token.pos);
        if (!visible.contains(at)) continue;
        const QRgb color = token.color.rgba();
        auto batch = std::find_if(batches.begin(), batches.end(), [&](const Batch& b) { return b.color == color; });
        if (batch == batches.end()) batch = batches.insert(batches.end(), Batch{color, {}});
        batch->fragments.push_back(QPainter::PixmapFragment::create(at, QRectF()));
    }
    p->save();
    p->resetTransform();
    for (auto& batch : batches) {
        const QPixmap& pixmap = sprite(batch.color, radius, dpr);
        // Source rectangles in the pixmap's pixels, scaled back to logical pixels.
        for (auto& f : batch.fragments) {
            f.sourceLeft = 0;
            f.sourceTop = 0;
            f.width = pixmap.width();
            f.height = pixmap.height();
            f.scaleX = f.scaleY = 1 / dpr;
        }
        p->drawPixmapFragments(batch.fragments.data(), int(batch.fragments.size()), pixmap);
    }
    p->restore();
}

}  // namespace flowlab::ui
