#pragma once
/// Every token in flight, drawn by one item so thousands of them cost one paint call
/// and no scene-index updates.

#include <QColor>
#include <QGraphicsItem>
#include <QPointF>
#include <vector>

namespace flowlab::ui {

class TokenLayer : public QGraphicsItem {
public:
    struct Token {
        QPointF pos;
        QColor color;
    };

    TokenLayer();
    /// Replaces the tokens; `area` must contain them all (the scene's item bounds).
    void setTokens(std::vector<Token> tokens, const QRectF& area);
    const std::vector<Token>& tokens() const { return tokens_; }

    QRectF boundingRect() const override { return area_; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::vector<Token> tokens_;
    QRectF area_;
};

}  // namespace flowlab::ui
