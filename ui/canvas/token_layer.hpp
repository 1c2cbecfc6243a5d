#pragma once
/// Every token in flight, drawn by one item so thousands of them cost one paint call
/// and no scene-index updates.
///
/// Tokens are blitted from one pre-rendered sprite per colour, in device pixels: 1,500
/// antialiased ellipses cost the UI thread most of a 60 Hz frame, the blits a fraction
/// of it. Their size follows the zoom but never drops below a few pixels, so traffic
/// stays visible when a large graph is zoomed out.

#include <QColor>
#include <QGraphicsItem>
#include <QHash>
#include <QPixmap>
#include <QPointF>
#include <vector>

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

    TokenLayer();
    /// Replaces the tokens; `area` must contain them all (the scene's item bounds).
    void setTokens(std::vector<Token> tokens, const QRectF& area);
    const std::vector<Token>& tokens() const { return tokens_; }
    /// The radius in device pixels at `zoom` (the view's scale).
    static qreal screenRadius(qreal zoom);

    QRectF boundingRect() const override { return area_; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    const QPixmap& sprite(QRgb color, qreal radius, qreal dpr);

    std::vector<Token> tokens_;
    QRectF area_;
    QHash<QRgb, QPixmap> sprites_;
    qreal spriteRadius_ = 0, spriteDpr_ = 0;  ///< what the cached sprites were drawn for
};

}  // namespace flowlab::ui
