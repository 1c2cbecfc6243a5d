#pragma once
/// A node on the canvas: holds its id and the latest run state, draws both.
///
/// The document owns the node's data; the scene copies what this item shows (label,
/// static figures) and the newest frame's state into it and calls update().

#include <QGraphicsItem>
#include <QString>

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"

namespace flowlab::ui {

class NodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };
    static constexpr qreal width = 184;
    static constexpr qreal height = 104;

    NodeItem(const QString& id, model::NodeKind kind);

    int type() const override { return Type; }
    QString nodeId() const { return id_; }
    model::NodeKind kind() const { return kind_; }

    /// What the node is, from the document (label, threads, capacity...).
    void setNode(const model::Node& node);
    /// Run state from the newest frame; `client` is null for non-clients.
    /// `now_s`: the frame's virtual time (a timed fault's banner counts down to its end).
    void setRunState(const run::NodeFrame& state, const run::ClientFrame* client, double now_s);
    void clearRunState();
    const run::NodeFrame& runState() const { return state_; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    void paintThreads(QPainter* p, const QRectF& area) const;
    void paintQueue(QPainter* p, const QRectF& area) const;
    void paintTopic(QPainter* p, const QRectF& area) const;
    void paintConsumer(QPainter* p, const QRectF& area) const;
    void paintClient(QPainter* p, const QRectF& area) const;
    void paintDlq(QPainter* p, const QRectF& area) const;

    QString id_;
    model::NodeKind kind_;
    model::Node node_;
    bool hasState_ = false;
    double frameNow_ = -1;
    run::NodeFrame state_;
    bool hasClient_ = false;
    run::ClientFrame client_;
};

}  // namespace flowlab::ui
