#pragma once
/// An edge on the canvas: an arrow between two node items, styled by its mode, with the
/// circuit breaker's state when it has one.

#include <QFont>
#include <QGraphicsItem>
#include <QLineF>
#include <QPainterPath>
#include <QStringList>
#include <utility>
#include <vector>

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"
#include "flowlab/runtime/observer.hpp"

namespace flowlab::ui {

class NodeItem;

class EdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    EdgeItem(int index, NodeItem* from, NodeItem* to, const model::Edge& edge);

    int type() const override { return Type; }
    int edgeIndex() const { return index_; }
    NodeItem* fromItem() const { return from_; }
    NodeItem* toItem() const { return to_; }
    void setEdge(const model::Edge& edge);
    void setBreaker(run::EdgeFrame::Breaker breaker);
    run::EdgeFrame::Breaker breaker() const { return breaker_; }
    /// Sync calls sent along this edge still waiting for their answer: a badge at the
    /// callee's end while the caller's threads sit blocked.
    void setWaitingCalls(std::uint32_t count);
    std::uint32_t waitingCalls() const { return waiting_; }
    /// The badge's text ("12 waiting"), "" when it is not drawn.
    QString waitingText() const;
    /// What travels forward along the edge: requests, publishes, deliveries, dead letters.
    runtime::HopKind forwardHop() const;

    /// Follows the nodes after they moved.
    void adjust();
    /// The visible segment, from the source node's border to the target's: straight across
    /// when the nodes sit side by side or one above the other.
    QLineF line() const { return line_; }
    /// The label drawn above the middle of the line: the mode, then timeout and retries.
    QStringList labelLines() const { return labelLines(edge_); }
    static QStringList labelLines(const model::Edge& edge);
    /// The label's font, and the box its lines take (the automatic layout keeps it free).
    static QFont labelFont();
    static QSizeF labelSize(const model::Edge& edge);

    /// Draws the edge along `path` (from the source's border to the target's) with its
    /// label in `label`, as the automatic layout routed it around the nodes; an empty
    /// path goes back to the straight line between the borders.
    void setRoute(const QPainterPath& path, const QRectF& label);
    bool hasRoute() const { return !route_.isEmpty(); }
    /// What the edge draws: its route, or the straight line.
    QPainterPath path() const;
    /// Where the label is drawn, in scene coordinates (empty when it is not drawn).
    QRectF labelRect() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void paintWaiting(QPainter* p) const;
    void paintLabel(QPainter* p) const;
    /// Each label line and its box (scene coordinates), as drawn.
    std::vector<std::pair<QRectF, QString>> labelBoxes() const;
    /// One label line: 13 px at normal text size, growing with the text scale.
    static qreal labelLineHeight();
    /// How much larger than normal edge labels are drawn (the text zoom, capped).
    static qreal labelGrowth();
    /// The middle of what is drawn: where the breaker's state goes.
    QPointF middle() const;

    int index_;
    NodeItem* from_;
    NodeItem* to_;
    model::Edge edge_;
    QLineF line_;
    QPainterPath route_;
    QRectF routeLabel_;
    QPointF routeFrom_, routeTo_;  ///< where the nodes were when the route was made
    run::EdgeFrame::Breaker breaker_ = run::EdgeFrame::Breaker::none;
    std::uint32_t waiting_ = 0;
};

}  // namespace flowlab::ui
