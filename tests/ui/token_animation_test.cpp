// Tokens keep animation time apart from simulation time: a hop over a zero-latency edge
// stays on screen for TokenLayer::minTravelS of wall time, moving from one end to the
// other, instead of flickering at the edge's end for one frame. Wall time is fed in by
// the test, so nothing here depends on how fast the machine is.

#include <gtest/gtest.h>

#include <QApplication>
#include <QLineF>
#include <cmath>

#include "canvas/canvas_scene.hpp"
#include "canvas/edge_item.hpp"
#include "canvas/node_item.hpp"
#include "canvas/token_layer.hpp"
#include "document/scenario_document.hpp"
#include "main_window.hpp"
#include "session/live_session.hpp"

namespace flowlab::ui::test {

namespace {

using runtime::Hop;
using runtime::HopKind;

Hop hop(double sentS, double arrivesS, HopKind kind, std::uint32_t edge = 0) {
    Hop h;
    h.sent = kernel::from_s(sentS);
    h.arrives = kernel::from_s(arrivesS);
    h.kind = kind;
    h.edge = edge;
    return h;
}

run::Frame frameAt(double nowS, std::vector<Hop> hops) {
    run::Frame f;
    f.now = kernel::from_s(nowS);
    f.speed = 1.0;
    f.tokens = std::move(hops);
    f.edges.resize(1);
    for (const auto& h : f.tokens) ++f.edges[h.edge].hops;
    return f;
}

/// Where a token `progress` along the 200-unit edge is drawn: requests on the left of
/// the direction of travel (above a left-to-right edge), answers on the right.
QPointF expected(double progress, bool back) {
    const QLineF line(0, 0, 200, 0);
    return line.pointAt(back ? 1 - progress : progress) +
           QPointF(0, back ? TokenLayer::laneOffset : -TokenLayer::laneOffset);
}

void expectAt(const TokenLayer& layer, std::size_t i, QPointF at) {
    ASSERT_LT(i, layer.tokens().size());
    EXPECT_NEAR(layer.tokens()[i].pos.x(), at.x(), 1e-6);
    EXPECT_NEAR(layer.tokens()[i].pos.y(), at.y(), 1e-6);
}

double distanceToSegment(QPointF p, const QLineF& line) {
    const QPointF d = line.p2() - line.p1();
    const double len2 = QPointF::dotProduct(d, d);
    const double t =
        len2 > 0 ? std::clamp(QPointF::dotProduct(p - line.p1(), d) / len2, 0.0, 1.0) : 0;
    const QPointF nearest = line.p1() + d * t;
    return std::hypot(p.x() - nearest.x(), p.y() - nearest.y());
}

}  // namespace

TEST(TokenAnimation, AZeroLatencyHopCrossesItsEdgeOverTheMinimumTime) {
    TokenLayer layer;
    layer.setEdges({{QLineF(0, 0, 200, 0), HopKind::request}});
    // A request sent at 1 s and arrived at once, seen in the frame of 1 s at wall 10 s.
    layer.showFrame(frameAt(1.0, {hop(1.0, 1.0, HopKind::request)}), 10.0);
    ASSERT_EQ(layer.tokens().size(), 1u);
    expectAt(layer, 0, expected(0.0, false));
    // No new frame: the layer keeps it and moves it by wall time alone.
    EXPECT_TRUE(layer.advance(10.0 + TokenLayer::minTravelS / 2));
    expectAt(layer, 0, expected(0.5, false));
    EXPECT_TRUE(layer.advance(10.0 + TokenLayer::minTravelS * 0.99));
    expectAt(layer, 0, expected(0.99, false));
    // Arrived: gone.
    EXPECT_FALSE(layer.advance(10.0 + TokenLayer::minTravelS));
    EXPECT_TRUE(layer.tokens().empty());
}

TEST(TokenAnimation, AnswersTravelBackOnTheirOwnSide) {
    TokenLayer layer;
    layer.setEdges({{QLineF(0, 0, 200, 0), HopKind::request}});
    layer.showFrame(frameAt(1.0, {hop(1.0, 1.0, HopKind::response)}), 10.0);
    layer.advance(10.0 + TokenLayer::minTravelS / 4);
    ASSERT_EQ(layer.tokens().size(), 1u);
    expectAt(layer, 0, expected(0.25, true));  // a quarter of the way from the callee
    EXPECT_GT(layer.tokens()[0].pos.y(), 0);   // below the line, requests run above it
}

TEST(TokenAnimation, HopsOfOneFrameSpreadOutByWhenTheyWereSent) {
    TokenLayer layer;
    layer.setEdges({{QLineF(0, 0, 200, 0), HopKind::request}});
    // At speed 1 a hop sent 0.1 s before the frame has already done 0.1 s of its travel.
    layer.showFrame(
        frameAt(1.0, {hop(0.9, 0.9, HopKind::request), hop(1.0, 1.0, HopKind::request)}), 10.0);
    ASSERT_EQ(layer.tokens().size(), 2u);
    expectAt(layer, 0, expected(0.1 / TokenLayer::minTravelS, false));
    expectAt(layer, 1, expected(0.0, false));
    // A hop that left longer ago than the minimum has arrived on screen too: not drawn.
    layer.clear();
    layer.showFrame(frameAt(1.0, {hop(0.5, 0.5, HopKind::request)}), 10.0);
    EXPECT_TRUE(layer.tokens().empty());
}

TEST(TokenAnimation, AHopIsTakenOnceAlthoughLaterFramesRepeatIt) {
    TokenLayer layer;
    layer.setEdges({{QLineF(0, 0, 200, 0), HopKind::request}});
    const Hop h = hop(1.0, 1.01, HopKind::request);  // 10 ms: shorter than the minimum
    layer.showFrame(frameAt(1.0, {h}), 10.0);
    // The engine keeps a hop in its frames until it arrives; the layer must not restart it.
    layer.showFrame(frameAt(1.005, {h}), 10.005);
    EXPECT_EQ(layer.animatedCount(), 1);
}

TEST(TokenAnimation, SlowHopsAreDrawnWhereTheSimulationHasThem) {
    TokenLayer layer;
    layer.setEdges({{QLineF(0, 0, 200, 0), HopKind::request}});
    // 2 s of latency at speed 1 is slow enough to watch: drawn at its true progress, and
    // frozen while no frame comes (a paused run does not move).
    layer.showFrame(frameAt(1.5, {hop(1.0, 3.0, HopKind::request)}), 10.0);
    ASSERT_EQ(layer.tokens().size(), 1u);
    expectAt(layer, 0, expected(0.25, false));
    layer.advance(12.0);
    expectAt(layer, 0, expected(0.25, false));
    EXPECT_EQ(layer.animatedCount(), 0);
}

TEST(TokenAnimation, ABusyEdgeIsFilledButBounded) {
    TokenLayer layer;
    layer.setEdges({{QLineF(0, 0, 200, 0), HopKind::request}});
    // 10,000 hops in one frame: tokens about one width apart at most, not 10,000.
    std::vector<Hop> hops;
    for (int i = 0; i < 10000; ++i)
        hops.push_back(hop(1.0 - i * 1e-5, 1.0 - i * 1e-5, HopKind::request));
    layer.showFrame(frameAt(1.0, hops), 10.0);
    const double perLane = 200 / (1.6 * TokenLayer::sceneRadius) * 0.1 / TokenLayer::minTravelS;
    EXPECT_GE(layer.animatedCount(), int(perLane) - 1);
    EXPECT_LE(layer.animatedCount(), int(perLane) + 2);
}

TEST(TokenAnimation, TokensOfALessonWithZeroLatencyEdgesPersistAndMove) {
    MainWindow window;
    double wall = 100.0;
    window.scene()->setWallClock([&wall] { return wall; });
    ASSERT_TRUE(
        window.openFile(QStringLiteral(FLOWLAB_SCENARIOS_DIR "/01-availability-trap.json")));
    window.runFor(2.0);
    const auto frame = window.session()->frame();
    ASSERT_FALSE(frame->tokens.empty());
    for (const auto& h : frame->tokens)
        ASSERT_EQ(h.arrives, h.sent) << "premise: every edge has latency 0";

    const TokenLayer* layer = window.scene()->tokenLayer();
    const auto before = layer->tokens();
    ASSERT_FALSE(before.empty());
    // Halfway through the minimum time, with no frame since: still there, and moved off
    // the ends of their edges (a token drawn at the end of its hop sits on an edge's end).
    wall += TokenLayer::minTravelS / 2;
    window.scene()->advanceTokens();
    const auto& during = layer->tokens();
    ASSERT_FALSE(during.empty());
    int inside = 0;
    for (const auto& token : during) {
        QLineF nearest;
        double distance = 1e9;
        for (int e = 0; e < window.scene()->edgeCount(); ++e) {
            const QLineF line = window.scene()->edgeItem(e)->line();
            if (distanceToSegment(token.pos, line) < distance) {
                distance = distanceToSegment(token.pos, line);
                nearest = line;
            }
        }
        EXPECT_LE(distance, TokenLayer::laneOffset + 1e-6);
        const double fromEnds = std::min(QLineF(token.pos, nearest.p1()).length(),
                                         QLineF(token.pos, nearest.p2()).length());
        if (fromEnds > 2 * TokenLayer::sceneRadius) ++inside;
    }
    EXPECT_GT(inside, 0);
    // After the minimum time every one of them has arrived.
    wall += TokenLayer::minTravelS / 2;
    window.scene()->advanceTokens();
    EXPECT_TRUE(layer->tokens().empty());
    EXPECT_EQ(layer->animatedCount(), 0);
}

TEST(TokenAnimation, CallsWaitingOnASlowCalleeAreShownOnTheirEdge) {
    MainWindow window;
    ASSERT_TRUE(
        window.openFile(QStringLiteral(FLOWLAB_SCENARIOS_DIR "/04-thread-pool-exhaustion.json")));
    window.runFor(25.0);  // inventory is 2.5 times slower from 10 s
    const auto frame = window.session()->frame();
    const NodeItem* api = window.scene()->nodeItem(QStringLiteral("api"));
    // Premise: every one of the API's 8 threads waits on inventory.
    ASSERT_EQ(api->runState().blocked, 8);
    int apiToInventory = -1;
    const auto& edges = window.document()->scenario().edges;
    for (int i = 0; i < int(edges.size()); ++i)
        if (edges[i].from == "api" && edges[i].to == "inventory") apiToInventory = i;
    ASSERT_GE(apiToInventory, 0);
    const EdgeItem* edge = window.scene()->edgeItem(apiToInventory);
    EXPECT_EQ(edge->waitingCalls(), frame->edges[apiToInventory].waiting_calls);
    EXPECT_EQ(edge->waitingCalls(), 8u);
    EXPECT_EQ(edge->waitingText(), QStringLiteral("8 waiting"));
    // The caller's side of the same picture: its cells are the blocked colour.
    int blocked = 0;
    for (const auto cell : api->cells()) blocked += cell == NodeItem::Cell::blocked;
    EXPECT_EQ(blocked, 8);
}

}  // namespace flowlab::ui::test
