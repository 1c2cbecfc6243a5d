#pragma once
/// How the app looks: its theme (light, dark, high contrast), the user's text zoom
/// (Ctrl +/-) and presenter mode's large type. One instance for the application, since
/// the widget palette it sets is the application's; every panel that draws its own text
/// or colours (canvas, charts, watch figures) reads it and redraws on `changed`.

#include <QColor>
#include <QIcon>
#include <QObject>
#include <QString>
#include <QStyle>

namespace flowlab::ui {

enum class ThemeKind { light, dark, highContrast };

/// "light", "dark", "high-contrast" (the command line's and the settings' spelling).
QString themeName(ThemeKind kind);
/// The theme a name stands for; false when it names none.
bool parseThemeName(const QString& name, ThemeKind* kind);

/// Colours of everything the app paints itself.
struct ThemeColors {
    // canvas
    QColor canvas, gridMinor, gridMajor;
    QColor nodeFill, nodeText, nodeMuted, good, warning, alarm;
    QColor edge, edgeText, labelBackground, badgeBackground, badgeText;
    qreal outline = 1.5;  ///< node and edge line width (high contrast draws heavier)
    // charts
    QColor chartBackground, chartText, chartGrid, chartPlot;
    // watch entries: text, muted text, and the neutral card
    QColor cardText, cardMuted, cardBorder, cardBackground;
    /// A verdict's card background is mixed from its stripe colour with this much of it.
    double verdictTint = 0.12;
    QColor cardBase;  ///< what the tint is mixed into
};

class Appearance : public QObject {
    Q_OBJECT
public:
    static Appearance& instance();

    /// Text zoom steps and their bounds (1 = as designed).
    static constexpr double minTextZoom = 0.6;
    static constexpr double maxTextZoom = 2.5;
    static constexpr double textZoomStep = 1.15;
    /// Presenter mode multiplies panel and chart text by this (the watch figures, chart
    /// fonts): at least twice the normal size, readable from the back of a room.
    static constexpr double presenterTextFactor = 2.0;
    static constexpr double presenterLabelFactor = 1.4;
    /// Canvas text grows less: nodes keep their size (the lesson's layout), so text
    /// grows into the room a node has, up to this factor.
    static constexpr double presenterCanvasFactor = 1.8;

    ThemeKind theme() const { return theme_; }
    const ThemeColors& colors() const { return colors_; }
    double textZoom() const { return textZoom_; }
    bool presenter() const { return presenter_; }
    /// What panel and chart text is multiplied by: text zoom, times presenterTextFactor
    /// in presenter mode.
    double textScale() const;
    /// `pixels` of the design at the current text scale, rounded.
    int scaledPixels(int pixels) const;
    /// What the words around a figure (a watch entry's label and reference) are
    /// multiplied by: they grow less than the figures, so that a column of figures fits
    /// beside the canvas.
    double labelScale() const;
    /// What node text may grow to (nodes shrink it back where it does not fit).
    double canvasTextScale() const;

    void setTheme(ThemeKind kind);
    void setTextZoom(double zoom);
    void zoomTextIn();
    void zoomTextOut();
    void setPresenter(bool on);

    /// The theme and text zoom of the last session (QSettings), and saving them.
    void restore();
    void save() const;
    /// Light theme, text zoom 1, not presenting (tests start from here).
    void reset();

    static ThemeColors colorsOf(ThemeKind kind);

signals:
    void changed();

private:
    Appearance() = default;
    void apply();

    ThemeKind theme_ = ThemeKind::light;
    ThemeColors colors_ = colorsOf(ThemeKind::light);
    double textZoom_ = 1.0;
    bool presenter_ = false;
    /// The application font as it was before any scaling.
    double baseFontPoints_ = -1;
};

/// A standard icon of `widget`'s style drawn in the theme's text colour: the style's
/// icons are dark, and vanish on a dark toolbar.
QIcon themedIcon(QStyle::StandardPixmap icon, const QWidget* widget);

/// The current theme's colours (shorthand for painting code).
inline const ThemeColors& themeColors() { return Appearance::instance().colors(); }

}  // namespace flowlab::ui
