#include "canvas/canvas_view.hpp"

#include <QGraphicsItem>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <cmath>

#include "canvas/canvas_scene.hpp"
#include "canvas/node_item.hpp"
#include "theme/appearance.hpp"

namespace flowlab::ui {

CanvasView::CanvasView(QGraphicsScene* scene, QWidget* parent) : QGraphicsView(scene, parent) {
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    // The token layer repaints the whole viewport every frame; the grid need not be redrawn.
    setCacheMode(QGraphicsView::CacheBackground);
    setAcceptDrops(true);
    setSceneRect(-5000, -5000, 10000, 10000);
}

void CanvasView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (autoFit_) fitAll();
}

QRectF CanvasView::framedBounds() const {
    QRectF bounds;
    for (auto* item : scene()->items())
        if (item->flags() & QGraphicsItem::ItemIsMovable) bounds |= item->sceneBoundingRect();
    if (bounds.isEmpty()) return {};
    return bounds.adjusted(-fitMargin_, -fitMargin_, fitMargin_, fitMargin_);
}

void CanvasView::fitAll() {
    autoFit_ = true;
    const QRectF framed = framedBounds();
    if (framed.isEmpty()) {
        resetTransform();
        centerOn(0, 0);
        return;
    }
    const QRectF bounds = framed.adjusted(fitMargin_, fitMargin_, -fitMargin_, -fitMargin_);
    fitInView(framed, Qt::KeepAspectRatio);
    if (zoom() > maxFitZoom_) {
        resetTransform();
        scale(maxFitZoom_, maxFitZoom_);
        centerOn(bounds.center());
    } else if (zoom() < minFitZoom) {
        resetTransform();
        scale(minFitZoom, minFitZoom);
        // Centre each direction that fits; otherwise start at the left / top edge.
        const QSizeF visible = QSizeF(viewport()->size()) / minFitZoom;
        const qreal x = framed.width() <= visible.width() ? framed.center().x()
                                                          : framed.left() + visible.width() / 2;
        const qreal y = framed.height() <= visible.height() ? framed.center().y()
                                                            : framed.top() + visible.height() / 2;
        centerOn(x, y);
    }
    // A graph too wide to fit starts at its left edge, unless a lesson step rings nodes
    // elsewhere: those are what the step is about.
    if (auto* canvas = qobject_cast<CanvasScene*>(scene())) {
        QRectF ringed;
        for (const QString& id : canvas->lessonHighlight())
            if (NodeItem* item = canvas->nodeItem(id)) ringed |= item->sceneBoundingRect();
        if (!ringed.isNull()) ensureVisible(ringed, 24, 24);
    }
}

void CanvasView::setFitLimits(qreal maxZoom, qreal margin) {
    maxFitZoom_ = maxZoom;
    fitMargin_ = margin;
    if (autoFit_) fitAll();
}

void CanvasView::wheelEvent(QWheelEvent* event) {
    const qreal factor = std::pow(1.0015, event->angleDelta().y());
    const qreal next = zoom() * factor;
    if (next < 0.1 || next > 4.0) return;
    autoFit_ = false;
    scale(factor, factor);
    event->accept();
}

void CanvasView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::MiddleButton ||
        (event->button() == Qt::LeftButton && (event->modifiers() & Qt::AltModifier))) {
        panning_ = true;
        autoFit_ = false;
        panStart_ = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent* event) {
    if (panning_) {
        const QPoint delta = event->position().toPoint() - panStart_;
        panStart_ = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent* event) {
    if (panning_) {
        panning_ = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void CanvasView::drawBackground(QPainter* painter, const QRectF& rect) {
    const ThemeColors& colors = themeColors();
    painter->fillRect(rect, colors.canvas);
    const qreal step = 20;
    if (zoom() < 0.35) return;  // a grid denser than the pixels is noise
    QVector<QLineF> minor, major;
    const qreal left = std::floor(rect.left() / step) * step;
    const qreal top = std::floor(rect.top() / step) * step;
    for (qreal x = left; x < rect.right(); x += step)
        (std::fmod(std::abs(x), step * 5) < 0.5 ? major : minor)
            << QLineF(x, rect.top(), x, rect.bottom());
    for (qreal y = top; y < rect.bottom(); y += step)
        (std::fmod(std::abs(y), step * 5) < 0.5 ? major : minor)
            << QLineF(rect.left(), y, rect.right(), y);
    painter->setPen(QPen(colors.gridMinor, 0));
    painter->drawLines(minor);
    painter->setPen(QPen(colors.gridMajor, 0));
    painter->drawLines(major);
}

}  // namespace flowlab::ui
