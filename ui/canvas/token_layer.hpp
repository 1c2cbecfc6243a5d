#pragma once
/// Every token in flight, drawn by one item so thousands of them cost one paint call
/// and no scene-index updates.
///
/// Animation time is kept apart from simulation time, as in OMNeT++'s Qtenv: a hop whose
/// simulated travel would last less than minTravelS of wall time at the current speed
/// (every hop over a zero-latency edge) is animated along its edge over minTravelS, and
/// the layer keeps it across frames until it arrives. Hops that take longer are drawn
/// where the simulation has them. The picture is therefore not to scale in time, and the
/// legend says so. Requests travel on one side of an edge, answers on the other.
///
/// Tokens are blitted from one pre-rendered sprite per colour, in device pixels: 1,500
/// antialiased ellipses cost the UI thread most of a 60 Hz frame, the blits a fraction
/// of it. Their size follows the zoom but never drops below a few pixels, so traffic
/// stays visible when a large graph is zoomed out.

#include <QColor>
#include <QGraphicsItem>
#include <QHash>
#include <QLineF>
#include <QPixmap>
#include <QPointF>
#include <QPolygonF>
#include <optional>
#include <vector>

#include "flowlab/run/frame.hpp"

namespace flowlab::ui {

class TokenLayer : public QGraphicsItem {
public:
    struct Token {
        QPointF pos;
        QColor color;
    };

    /// A token's radius in scene units at zoom 1, and its smallest size on screen.
    static constexpr qreal sceneRadius = 4.5;
    static constexpr qreal minScreenRadius = 2.5;
    /// The shortest wall time a hop spends on screen.
    static constexpr double minTravelS = 0.35;
    /// Requests and answers travel this far either side of an edge's line (scene units).
    static constexpr qreal laneOffset = 3.5;

    /// An edge as the tokens see it: where it runs and what travels forward on it.
    struct EdgePath {
        QLineF line;
        runtime::HopKind forward = runtime::HopKind::request;
        /// The edge's route when it is not straight (the automatic layout's curve, as a
        /// polyline from source to target); empty: the tokens follow `line`.
        QPolygonF route;
    };

    TokenLayer();
    /// The edges, in Scenario::edges order (again whenever a node moves).
    void setEdges(std::vector<EdgePath> edges);
    /// Takes a frame's hops at wall time `wallS` (seconds on any steady clock): new short
    /// hops start their animation, long ones are placed where the simulation has them.
    void showFrame(const run::Frame& frame, double wallS);
    /// Moves the animation on to `wallS`; returns whether any token is still animated.
    bool advance(double wallS);
    /// Forgets every token (a new run, another file).
    void clear();
    /// Draws exactly these tokens until the next frame (`area` must contain them).
    void setTokens(std::vector<Token> tokens, const QRectF& area);

    /// The tokens as last drawn.
    const std::vector<Token>& tokens() const { return tokens_; }
    /// The hop drawn nearest `scenePos`, within `radius` scene units, as of the frame
    /// that brought it (for "inspect a message"); none where only traffic counts are known.
    std::optional<runtime::Hop> hopAt(const QPointF& scenePos, qreal radius) const;
    /// Hops kept on screen for their minimum travel time.
    int animatedCount() const { return int(flights_.size()); }
    /// The radius in device pixels at `zoom` (the view's scale).
    static qreal screenRadius(qreal zoom);

    QRectF boundingRect() const override { return area_; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    /// A short hop animated over minTravelS from `startS` (wall seconds).
    struct Flight {
        std::uint32_t edge;
        bool back;  ///< an answer, travelling from the callee to the caller
        QRgb color;
        double startS;
        std::optional<runtime::Hop> hop;  ///< none: stands for a busy edge's lost samples
    };
    /// A long hop at `progress` (0..1) along its edge, as in the newest frame.
    struct Placed {
        std::uint32_t edge;
        bool back;
        QRgb color;
        double progress;
        runtime::Hop hop;
    };
    QPointF lanePoint(std::uint32_t edge, double progress, bool back) const;
    /// Wall seconds between two tokens started on one lane of `edge`: about one token
    /// width apart when the edge is full, so that density follows throughput up to there.
    double laneGapS(std::uint32_t edge) const;
    void spawn(std::uint32_t edge, bool back, QRgb color, double startS,
               const runtime::Hop* hop = nullptr);
    const QPixmap& sprite(QRgb color, qreal radius, qreal dpr);

    /// Where a token `progress` (0..1) along `edge` is, and the direction it travels.
    std::pair<QPointF, QPointF> along(std::uint32_t edge, double progress) const;
    qreal edgeLength(std::uint32_t edge) const;

    std::vector<EdgePath> edges_;
    /// Per edge with a route: the distance from its start to each of its points.
    std::vector<std::vector<qreal>> routeLengths_;
    std::vector<Flight> flights_;
    std::vector<Placed> placed_;
    std::vector<double> laneLastStart_;  ///< per edge and direction
    std::uint64_t revision_ = 0;
    kernel::SimTime lastNow_ = -1;  ///< the newest frame's time; hops sent by then are known
    double lastWallS_ = -1;
    double measuredSpeed_ = 0;  ///< virtual per wall second, when the frame says "max"

    std::vector<Token> tokens_;
    std::vector<std::optional<runtime::Hop>> tokenHops_;  ///< parallel to tokens_
    QRectF area_;
    QHash<QRgb, QPixmap> sprites_;
    qreal spriteRadius_ = 0, spriteDpr_ = 0;  ///< what the cached sprites were drawn for
};

}  // namespace flowlab::ui
