#pragma once
/// The canvas viewport: wheel zoom around the cursor, middle-button (or Alt+drag) pan,
/// rubber-band selection, and a grid behind the items.

#include <QGraphicsView>

namespace flowlab::ui {

class CanvasView : public QGraphicsView {
    Q_OBJECT
public:
    explicit CanvasView(QGraphicsScene* scene, QWidget* parent = nullptr);
    /// Below this zoom node text cannot be read: fitting stops there.
    static constexpr qreal minFitZoom = 0.6;

    /// Scales so every item is visible (after loading a file); keeps doing so on resize
    /// until the user zooms or pans. A graph too large to fit readably is shown at
    /// minFitZoom from its top-left corner, where the clients (the flow's start) sit.
    void fitAll();
    qreal zoom() const { return transform().m11(); }

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    /// Keep fitting on resize until the user zooms or pans by hand.
    bool autoFit_ = true;
    bool panning_ = false;
    QPoint panStart_;
};

}  // namespace flowlab::ui
