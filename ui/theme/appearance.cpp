#include "theme/appearance.hpp"

#include <QApplication>
#include <QFont>
#include <QHash>
#include <QPainter>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>
#include <algorithm>
#include <cmath>

namespace flowlab::ui {

namespace {

const char* themeKey = "appearance/theme";
const char* textZoomKey = "appearance/textZoom";

QPalette lightPalette() {
    // Fusion's own palette: the one the app was designed with on every platform.
    return QStyleFactory::create(QStringLiteral("Fusion"))->standardPalette();
}

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe8, 0xea, 0xed);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4d));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x41));
    p.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x42, 0x8b, 0xe0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x84, 0x8a));
    return p;
}

QPalette highContrastPalette() {
    // White on black, yellow selection: the usual high-contrast scheme, which survives a
    // washed-out projector.
    QPalette p;
    const QColor black(Qt::black), white(Qt::white), yellow(0xff, 0xeb, 0x3b);
    for (auto role : {QPalette::Window, QPalette::Base, QPalette::AlternateBase, QPalette::Button,
                      QPalette::ToolTipBase, QPalette::Mid, QPalette::Dark, QPalette::Shadow})
        p.setColor(role, black);
    for (auto role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::ToolTipText,
          QPalette::BrightText, QPalette::Light, QPalette::Midlight, QPalette::PlaceholderText})
        p.setColor(role, white);
    p.setColor(QPalette::Highlight, yellow);
    p.setColor(QPalette::HighlightedText, black);
    p.setColor(QPalette::Link, yellow);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0xb0, 0xb0, 0xb0));
    return p;
}

}  // namespace

QString themeName(ThemeKind kind) {
    switch (kind) {
        case ThemeKind::light: return QStringLiteral("light");
        case ThemeKind::dark: return QStringLiteral("dark");
        case ThemeKind::highContrast: return QStringLiteral("high-contrast");
    }
    return {};
}

bool parseThemeName(const QString& name, ThemeKind* kind) {
    for (ThemeKind k : {ThemeKind::light, ThemeKind::dark, ThemeKind::highContrast})
        if (name == themeName(k)) {
            *kind = k;
            return true;
        }
    return false;
}

ThemeColors Appearance::colorsOf(ThemeKind kind) {
    ThemeColors c;
    switch (kind) {
        case ThemeKind::light:
            c.canvas = QColor(0xfa, 0xfa, 0xfb);
            c.gridMinor = QColor(0xec, 0xee, 0xf1);
            c.gridMajor = QColor(0xdc, 0xdf, 0xe4);
            c.nodeFill = Qt::white;
            c.nodeText = QColor(0x21, 0x21, 0x21);
            c.nodeMuted = QColor(0x5f, 0x63, 0x68);
            c.good = QColor(0x22, 0x75, 0x3a);
            c.warning = QColor(0x9b, 0x66, 0x13);
            c.alarm = QColor(0xd3, 0x2f, 0x2f);
            c.edge = QColor(0x60, 0x60, 0x60);
            c.edgeText = QColor(0x50, 0x50, 0x50);
            c.labelBackground = QColor(255, 255, 255, 210);
            c.badgeBackground = QColor(0xff, 0xf3, 0xe0);
            c.badgeText = QColor(0x8d, 0x4a, 0x00);
            c.chartBackground = Qt::white;
            c.chartText = QColor(0x21, 0x21, 0x21);
            c.chartGrid = QColor(0xdd, 0xdd, 0xdd);
            c.chartPlot = Qt::white;
            c.cardText = QColor(0x21, 0x21, 0x21);
            c.cardMuted = QColor(0x45, 0x5a, 0x64);
            c.cardBorder = QColor(0xdd, 0xe1, 0xe6);
            c.cardBackground = QColor(0xf6, 0xf7, 0xf9);
            c.cardBase = Qt::white;
            c.verdictTint = 0.12;
            break;
        case ThemeKind::dark:
            c.canvas = QColor(0x1e, 0x1f, 0x22);
            c.gridMinor = QColor(0x26, 0x28, 0x2b);
            c.gridMajor = QColor(0x30, 0x33, 0x37);
            c.nodeFill = QColor(0x2b, 0x2d, 0x31);
            c.nodeText = QColor(0xec, 0xee, 0xf1);
            c.nodeMuted = QColor(0xb0, 0xb6, 0xbd);
            c.good = QColor(0x6f, 0xd3, 0x8a);
            c.warning = QColor(0xff, 0xc1, 0x5e);
            c.alarm = QColor(0xff, 0x6b, 0x6b);
            c.edge = QColor(0xa0, 0xa4, 0xaa);
            c.edgeText = QColor(0xc8, 0xcc, 0xd1);
            c.labelBackground = QColor(0x1e, 0x1f, 0x22, 220);
            c.badgeBackground = QColor(0x4a, 0x36, 0x12);
            c.badgeText = QColor(0xff, 0xd5, 0x8f);
            c.chartBackground = QColor(0x25, 0x27, 0x2a);
            c.chartText = QColor(0xe8, 0xea, 0xed);
            c.chartGrid = QColor(0x44, 0x47, 0x4c);
            c.chartPlot = QColor(0x1e, 0x1f, 0x22);
            c.cardText = QColor(0xf1, 0xf3, 0xf4);
            c.cardMuted = QColor(0xc0, 0xc6, 0xcc);
            c.cardBorder = QColor(0x45, 0x48, 0x4d);
            c.cardBackground = QColor(0x2b, 0x2d, 0x31);
            c.cardBase = QColor(0x25, 0x27, 0x2a);
            c.verdictTint = 0.22;
            break;
        case ThemeKind::highContrast:
            c.canvas = Qt::black;
            c.gridMinor = QColor(0x12, 0x12, 0x12);
            c.gridMajor = QColor(0x26, 0x26, 0x26);
            c.nodeFill = Qt::black;
            c.nodeText = Qt::white;
            c.nodeMuted = QColor(0xe0, 0xe0, 0xe0);
            c.good = QColor(0x5c, 0xff, 0x7a);
            c.warning = QColor(0xff, 0xeb, 0x3b);
            c.alarm = QColor(0xff, 0x52, 0x52);
            c.edge = Qt::white;
            c.edgeText = Qt::white;
            c.labelBackground = QColor(0, 0, 0, 235);
            c.badgeBackground = Qt::black;
            c.badgeText = QColor(0xff, 0xeb, 0x3b);
            c.outline = 3;
            c.chartBackground = Qt::black;
            c.chartText = Qt::white;
            c.chartGrid = QColor(0x70, 0x70, 0x70);
            c.chartPlot = Qt::black;
            c.cardText = Qt::white;
            c.cardMuted = Qt::white;
            c.cardBorder = Qt::white;
            c.cardBackground = Qt::black;
            c.cardBase = Qt::black;
            c.verdictTint = 0.0;
            break;
    }
    return c;
}

QIcon themedIcon(QStyle::StandardPixmap which, const QWidget* widget) {
    const QIcon standard = widget->style()->standardIcon(which, nullptr, widget);
    if (Appearance::instance().theme() == ThemeKind::light) return standard;
    // The play icon changes with every pause: recolour each icon once per theme.
    static QHash<QPair<int, int>, QIcon> cache;
    const QPair<int, int> key(int(which), int(Appearance::instance().theme()));
    if (auto found = cache.constFind(key); found != cache.constEnd()) return *found;
    QIcon& icon = cache[key];
    for (const int side : {16, 24, 32, 48, 64}) {
        QPixmap pixmap = standard.pixmap(QSize(side, side));
        QPainter painter(&pixmap);
        // Keep the shape (alpha), replace the colour.
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(pixmap.rect(), themeColors().nodeText);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

Appearance& Appearance::instance() {
    static Appearance* appearance = new Appearance;  // lives as long as the process
    return *appearance;
}

double Appearance::textScale() const {
    return textZoom_ * (presenter_ ? presenterTextFactor : 1.0);
}

int Appearance::scaledPixels(int pixels) const { return int(std::lround(pixels * textScale())); }

double Appearance::labelScale() const {
    return textZoom_ * (presenter_ ? presenterLabelFactor : 1.0);
}

double Appearance::canvasTextScale() const {
    return textZoom_ * (presenter_ ? presenterCanvasFactor : 1.0);
}

void Appearance::setTheme(ThemeKind kind) {
    if (kind == theme_) return;
    theme_ = kind;
    colors_ = colorsOf(kind);
    apply();
}

void Appearance::setTextZoom(double zoom) {
    zoom = std::clamp(zoom, minTextZoom, maxTextZoom);
    if (std::abs(zoom - 1.0) < 0.01) zoom = 1.0;  // steps there and back land on 1 exactly
    if (zoom == textZoom_) return;
    textZoom_ = zoom;
    apply();
}

void Appearance::zoomTextIn() { setTextZoom(textZoom_ * textZoomStep); }
void Appearance::zoomTextOut() { setTextZoom(textZoom_ / textZoomStep); }

void Appearance::setPresenter(bool on) {
    if (on == presenter_) return;
    presenter_ = on;
    apply();
}

void Appearance::restore() {
    QSettings settings;
    ThemeKind kind = ThemeKind::light;
    parseThemeName(settings.value(themeKey).toString(), &kind);
    theme_ = kind;
    colors_ = colorsOf(kind);
    textZoom_ = std::clamp(settings.value(textZoomKey, 1.0).toDouble(), minTextZoom, maxTextZoom);
    apply();
}

void Appearance::save() const {
    QSettings settings;
    settings.setValue(themeKey, themeName(theme_));
    settings.setValue(textZoomKey, textZoom_);
}

void Appearance::reset() {
    theme_ = ThemeKind::light;
    colors_ = colorsOf(theme_);
    textZoom_ = 1.0;
    presenter_ = false;
    apply();
}

void Appearance::apply() {
    if (qobject_cast<QApplication*>(QCoreApplication::instance())) {
        // Fusion draws every palette faithfully (a platform style may ignore a dark one).
        if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive))
            QApplication::setStyle(QStringLiteral("Fusion"));
        switch (theme_) {
            case ThemeKind::light: QApplication::setPalette(lightPalette()); break;
            case ThemeKind::dark: QApplication::setPalette(darkPalette()); break;
            case ThemeKind::highContrast: QApplication::setPalette(highContrastPalette()); break;
        }
        QFont font = QApplication::font();
        if (baseFontPoints_ < 0) baseFontPoints_ = font.pointSizeF();
        // Menus, docks and the lesson text follow the text zoom; presenter mode's large
        // type is for what the room reads (canvas, figures, charts, clock), set by each.
        font.setPointSizeF(baseFontPoints_ * textZoom_);
        if (font != QApplication::font()) QApplication::setFont(font);
    }
    emit changed();
}

}  // namespace flowlab::ui
