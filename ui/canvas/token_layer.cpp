#include "canvas/token_layer.hpp"

#include <QPaintDevice>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>
#include <limits>

#include "canvas/node_style.hpp"

namespace flowlab::ui {

namespace {

/// More animated tokens than this cannot be told apart on any canvas; the lane gap keeps
/// far fewer alive in practice, this only bounds the work of a pathological graph.
constexpr std::size_t maxFlights = 6000;

bool travelsBack(runtime::HopKind kind) { return kind == runtime::HopKind::response; }

}  // namespace

TokenLayer::TokenLayer() {
    setZValue(2);
    setAcceptedMouseButtons(Qt::NoButton);
}

void TokenLayer::setEdges(std::vector<EdgePath> edges) {
    // Every token is on an edge, at most a lane and a sprite away from its line; sprites
    // keep a minimum size on screen, which far out is many scene units.
    QRectF area;
    for (const auto& e : edges)
        area |= QRectF(e.line.p1(), e.line.p2()).normalized() | e.route.boundingRect();
    area.adjust(-60, -60, 60, 60);
    if (area != area_) prepareGeometryChange();
    area_ = area;
    if (edges.size() != edges_.size()) clear();
    edges_ = std::move(edges);
    routeLengths_.assign(edges_.size(), {});
    for (size_t e = 0; e < edges_.size(); ++e) {
        const QPolygonF& route = edges_[e].route;
        if (route.size() < 2) continue;
        auto& lengths = routeLengths_[e];
        lengths.push_back(0);
        for (qsizetype i = 1; i < route.size(); ++i)
            lengths.push_back(lengths.back() + QLineF(route[i - 1], route[i]).length());
    }
    laneLastStart_.resize(2 * edges_.size(), -std::numeric_limits<double>::infinity());
    if (lastWallS_ >= 0) advance(lastWallS_);
}

void TokenLayer::clear() {
    flights_.clear();
    placed_.clear();
    tokens_.clear();
    tokenHops_.clear();
    std::fill(laneLastStart_.begin(), laneLastStart_.end(),
              -std::numeric_limits<double>::infinity());
    lastNow_ = -1;
    lastWallS_ = -1;
    measuredSpeed_ = 0;
    update();
}

void TokenLayer::setTokens(std::vector<Token> tokens, const QRectF& area) {
    if (area != area_) prepareGeometryChange();
    area_ = area;
    tokens_ = std::move(tokens);
    tokenHops_.assign(tokens_.size(), std::nullopt);
    update();
}

double TokenLayer::laneGapS(std::uint32_t edge) const {
    const double places = std::max(2.0, edgeLength(edge) / (1.6 * sceneRadius));
    return minTravelS / places;
}

void TokenLayer::spawn(std::uint32_t edge, bool back, QRgb color, double startS,
                       const runtime::Hop* hop) {
    double& last = laneLastStart_[2 * edge + (back ? 1 : 0)];
    if (startS < last + laneGapS(edge) || flights_.size() >= maxFlights) return;
    last = startS;
    flights_.push_back(
        {edge, back, color, startS, hop ? std::optional<runtime::Hop>(*hop) : std::nullopt});
}

std::optional<runtime::Hop> TokenLayer::hopAt(const QPointF& scenePos, qreal radius) const {
    std::optional<runtime::Hop> best;
    qreal bestDistance = radius;
    for (std::size_t i = 0; i < tokens_.size() && i < tokenHops_.size(); ++i) {
        if (!tokenHops_[i]) continue;
        const qreal d = QLineF(tokens_[i].pos, scenePos).length();
        if (d > bestDistance) continue;
        bestDistance = d;
        best = tokenHops_[i];
    }
    return best;
}

void TokenLayer::showFrame(const run::Frame& frame, double wallS) {
    // Another run, or the same one restarted: nothing on screen belongs to it.
    if (frame.revision != revision_ || frame.now < lastNow_) clear();
    revision_ = frame.revision;
    // Virtual seconds per wall second. "As fast as possible" has no set speed: measure it.
    if (lastNow_ >= 0 && wallS > lastWallS_ + 1e-3) {
        const double measured = kernel::to_s(frame.now - lastNow_) / (wallS - lastWallS_);
        measuredSpeed_ = measuredSpeed_ > 0 ? 0.8 * measuredSpeed_ + 0.2 * measured : measured;
    }
    const double speed = frame.speed > 0 ? frame.speed : std::max(1.0, measuredSpeed_);

    struct Candidate {
        double startS;
        const runtime::Hop* hop;
    };
    std::vector<Candidate> fresh;
    std::vector<std::uint32_t> sampled(edges_.size(), 0);
    placed_.clear();
    for (const auto& hop : frame.tokens) {
        if (hop.edge >= edges_.size()) continue;
        const bool back = travelsBack(hop.kind);
        const QRgb color = hopColor(hop.kind, hop.failed).rgba();
        const double travelS = kernel::to_s(hop.arrives - hop.sent) / speed;
        if (travelS >= minTravelS) {
            // Slow enough to watch: drawn where the simulation has it, frozen when paused.
            const double progress =
                std::clamp(double(frame.now - hop.sent) / double(hop.arrives - hop.sent), 0.0, 1.0);
            placed_.push_back({hop.edge, back, color, progress, hop});
            continue;
        }
        // Hops sent up to the previous frame were taken then (or dropped by the sampler).
        if (lastNow_ >= 0 && hop.sent <= lastNow_) continue;
        ++sampled[hop.edge];
        // It left `age` ago in wall terms: hops of one frame spread out along the edge
        // instead of starting together.
        const double ageS = kernel::to_s(frame.now - hop.sent) / speed;
        if (ageS < minTravelS - 1e-9) fresh.push_back({wallS - ageS, &hop});
    }
    std::sort(fresh.begin(), fresh.end(),
              [](const Candidate& a, const Candidate& b) { return a.startS < b.startS; });
    for (const Candidate& c : fresh)
        spawn(c.hop->edge, travelsBack(c.hop->kind), hopColor(c.hop->kind, c.hop->failed).rgba(),
              c.startS, c.hop);
    // At high speed the engine samples the hops it reports; an edge that carried traffic
    // but lost every sample still shows one token, so a busy edge never looks idle.
    if (lastNow_ >= 0)
        for (std::size_t e = 0; e < edges_.size() && e < frame.edges.size(); ++e)
            if (frame.edges[e].hops > 0 && sampled[e] == 0) {
                const bool failed = 2 * frame.edges[e].failed_hops > frame.edges[e].hops;
                spawn(std::uint32_t(e), false, hopColor(edges_[e].forward, failed).rgba(), wallS);
            }
    lastNow_ = frame.now;
    lastWallS_ = wallS;
    advance(wallS);
}

qreal TokenLayer::edgeLength(std::uint32_t edge) const {
    const auto& lengths = routeLengths_[edge];
    return lengths.empty() ? edges_[edge].line.length() : lengths.back();
}

std::pair<QPointF, QPointF> TokenLayer::along(std::uint32_t edge, double progress) const {
    const auto& lengths = routeLengths_[edge];
    if (lengths.empty()) {
        const QLineF& line = edges_[edge].line;
        return {line.pointAt(progress), line.p2() - line.p1()};
    }
    // The polyline's segment that holds this distance from the start.
    const QPolygonF& route = edges_[edge].route;
    const qreal at = std::clamp(progress, 0.0, 1.0) * lengths.back();
    const auto upper = std::upper_bound(lengths.begin(), lengths.end(), at);
    const auto i = std::clamp<std::ptrdiff_t>(upper - lengths.begin(), 1, route.size() - 1);
    const qreal span = lengths[i] - lengths[i - 1];
    const qreal t = span > 0 ? (at - lengths[i - 1]) / span : 0;
    const QLineF segment(route[i - 1], route[i]);
    return {segment.pointAt(t), segment.p2() - segment.p1()};
}

QPointF TokenLayer::lanePoint(std::uint32_t edge, double progress, bool back) const {
    const auto [at, direction] = along(edge, back ? 1.0 - progress : progress);
    const qreal length = std::hypot(direction.x(), direction.y());
    if (length < 1e-6 || edgeLength(edge) < 1) return at;
    // Forward traffic on the left of the edge's direction, answers on the right: on a
    // left-to-right edge requests run above the line and responses come back below it.
    const QPointF normal(direction.y() / length, -direction.x() / length);
    return at + normal * (back ? -laneOffset : laneOffset);
}

bool TokenLayer::advance(double wallS) {
    lastWallS_ = std::max(lastWallS_, wallS);
    // Arrived once the minimum time is up (to a rounding error of the wall clock's sums).
    flights_.erase(
        std::remove_if(flights_.begin(), flights_.end(),
                       [&](const Flight& f) { return wallS - f.startS >= minTravelS - 1e-9; }),
        flights_.end());
    tokens_.clear();
    tokenHops_.clear();
    tokens_.reserve(flights_.size() + placed_.size());
    tokenHops_.reserve(flights_.size() + placed_.size());
    for (const Placed& p : placed_) {
        if (p.edge >= edges_.size()) continue;
        tokens_.push_back({lanePoint(p.edge, p.progress, p.back), QColor::fromRgba(p.color)});
        tokenHops_.push_back(p.hop);
    }
    for (const Flight& f : flights_) {
        if (f.edge >= edges_.size()) continue;
        const double progress = std::clamp((wallS - f.startS) / minTravelS, 0.0, 1.0);
        tokens_.push_back({lanePoint(f.edge, progress, f.back), QColor::fromRgba(f.color)});
        tokenHops_.push_back(f.hop);
    }
    update();
    return !flights_.empty();
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
    QRectF visible(0, 0, p->device() ? p->device()->width() : 1e6,
                   p->device() ? p->device()->height() : 1e6);
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
        auto batch = std::find_if(batches.begin(), batches.end(),
                                  [&](const Batch& b) { return b.color == color; });
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
