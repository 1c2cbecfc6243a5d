#pragma once
/// A node on the canvas: a card with the kind's colour, its name, and a live picture of
/// its state (thread cells, queue depth, partition lag, instances, dead letters) with the
/// figures of the run so far in a few short lines (node_text.hpp says which).

#include <QGraphicsItem>
#include <vector>

#include "canvas/node_figures.hpp"
#include "canvas/node_text.hpp"
#include "canvas/node_text_layout.hpp"
#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"

namespace flowlab::ui {

class NodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };
    static constexpr qreal width = 184;
    static constexpr qreal headerHeight = 24;
    /// Where the port sits and where edges between side-by-side nodes attach, from the
    /// node's top: the same for every kind, so a row of nodes of different heights is
    /// joined by straight edges.
    static constexpr qreal portY = 52;

    /// What a thread (or instance) cell shows; `down`: a crashed instance; `absent`: one
    /// the autoscaler has not started (yet).
    enum class Cell { idle, working, blocked, hung, down, absent };

    NodeItem(const QString& id, model::NodeKind kind);

    int type() const override { return Type; }
    QString nodeId() const { return id_; }
    model::NodeKind kind() const { return kind_; }
    /// The node's height: per kind, with room for its picture and its lines.
    qreal height() const { return height_; }
    static qreal heightFor(const model::Node& node);
    /// The card in scene coordinates (without the port and the selection outline).
    QRectF sceneBox() const { return QRectF(pos(), QSizeF(width, height_)); }

    /// What the node is, from the document (label, threads, capacity...).
    void setNode(const model::Node& node);
    /// A node the challenge locks wears a padlock in its header.
    void setLocked(bool locked);
    bool isLocked() const { return locked_; }
    /// Run state from the newest frame; `client` is null for non-clients. `now_s`: the
    /// frame's virtual time (a timed fault's banner counts down to its end); `report`:
    /// the frame's report of the run so far (null: keep the figures as they are).
    void setRunState(const run::NodeFrame& state, const run::ClientFrame* client, double now_s,
                     const boost::json::object* report);
    void clearRunState();
    const run::NodeFrame& runState() const { return state_; }
    const NodeFigures& figures() const { return figures_; }

    /// Where the node's words go at `zoom` with the current appearance: zoomed out, its
    /// name, key figures and what is wrong keep their size on screen and the other lines
    /// are left out (node_text_layout.hpp). Painting draws this; tests measure it.
    NodeTextLayout textLayout(qreal zoom) const;
    /// The lines of text the body draws at full detail (tests read the screen through these).
    const std::vector<NodeLine>& bodyLines() const { return look_.lines; }
    /// The fault banner's text, "" when no fault is in force.
    const QString& faultBanner() const { return look_.banner; }
    /// The thread or instance cells, in drawing order (services, databases, consumers).
    const std::vector<Cell>& cells() const { return look_.cells; }
    /// How full each drawn partition bar of a topic is (0..1).
    const std::vector<double>& partitionBarShares() const { return look_.shares; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    /// Everything the body draws. A node is repainted only when it changes: with the
    /// item's device cache, an unchanged node costs a blit when the tokens move over it.
    struct Look {
        std::vector<NodeLine> lines;
        QString banner, bannerBrief;
        std::vector<Cell> cells;
        std::vector<double> shares;
        std::vector<std::int64_t> lags;
        std::int64_t depth = 0, deadLetters = 0;
        bool flash = false, faulted = false;
        bool operator==(const Look&) const = default;
    };
    Look computeLook() const;
    std::vector<Cell> computeCells() const;
    std::vector<double> computeShares() const;
    /// Recomputes the look; repaints when it changed (or always, with `force`).
    void refreshLook(bool force);
    /// Height of the picture above the lines (cells, bars, the dead-letter count).
    static qreal pictureHeight(const model::Node& node);
    /// The same on a compact (zoomed-out) card: bars thinner, cells in one row.
    static qreal compactPictureHeight(const model::Node& node);
    void paintCells(QPainter* p, const QRectF& area) const;
    void paintQueue(QPainter* p, const QRectF& area) const;
    void paintPartitions(QPainter* p, const QRectF& area) const;
    /// A topic's retained log and where each consumer group reads it (node_log_painting.cpp).
    void paintLog(QPainter* p, const QRectF& area) const;
    void paintDlq(QPainter* p, const QRectF& area, const NodeTextLayout& layout) const;
    /// Cache: the share of hits so far; rate limiter: the bucket's tokens out of its burst.
    void paintProxyBar(QPainter* p, const QRectF& area) const;
    /// The red strip under a fault banner's text.
    void paintBanner(QPainter* p, const NodeTextRun& run) const;
    NodeTextInput textInput() const;
    /// The padlock of a locked node, white on the header's colour.
    void paintLock(QPainter* p, const QRectF& area) const;

    QString id_;
    model::NodeKind kind_;
    model::Node node_;
    qreal height_;
    bool locked_ = false;
    bool hasState_ = false;
    double frameNow_ = -1;
    run::NodeFrame state_;
    bool hasClient_ = false;
    run::ClientFrame client_;
    NodeFigures figures_;
    Look look_;
};

}  // namespace flowlab::ui
