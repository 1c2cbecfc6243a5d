#pragma once
/// The canvas viewport: wheel zoom around the cursor, middle-button (or Alt+drag) pan,
/// rubber-band selection, and a grid behind the items.

#include <QGraphicsView>

namespace flowlab::ui {

class CanvasView : public QGraphicsView {
    Q_OBJECT
public:
    explicit CanvasView(QGraphicsScene* scene, QWidget* parent = nullptr);
    /// Fitting stops here: below it a node shows its name only. Every shipped lesson
    /// fits above it in the canvas of a 1280x720 window (lesson 08 needs about 0.5).
    static constexpr qreal minFitZoom = 0.35;

    /// Scales so every item is visible (after loading a file); keeps doing so on resize
    /// until the user zooms or pans. A graph too large to fit even at minFitZoom is shown
    /// at minFitZoom from its top-left corner, where the clients (the flow's start) sit.
    void fitAll();
    /// How far fitting may blow a small graph up (1 normally: larger text looks
    /// oversized on a desk; more in presenter mode, where a room reads it), and the
    /// margin around the graph in scene units.
    void setFitLimits(qreal maxZoom, qreal margin);
    /// The nodes' extent in scene units, with the fitting margin around it (empty when
    /// there are none).
    QRectF framedBounds() const;
    static constexpr qreal defaultFitMargin = 40;
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
    qreal maxFitZoom_ = 1.0;
    qreal fitMargin_ = defaultFitMargin;
    bool panning_ = false;
    QPoint panStart_;
};

}  // namespace flowlab::ui
