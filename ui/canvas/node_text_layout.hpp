#pragma once
/// Where a node's words go at a given zoom: its level of detail, as a map app has.
///
/// A node keeps its size on the canvas (the lesson's layout holds), so when fitting a
/// lesson zooms out, its text would shrink with it. Instead the text keeps a size on
/// screen: the card's name and key figures are drawn at the size the reader needs
/// (`TextTarget`), in scene units as large as that takes, and the lines that no longer
/// fit are left out, the least important first: at full detail every line; zoomed out,
/// the key figures and anything orange or red, each in its short form (NodeLine::brief).
///
/// Pure geometry and fonts, no painting: NodeItem paints what this returns, and the
/// tests measure it (the pixel size of every word on screen).

#include <QFont>
#include <QRectF>
#include <QString>
#include <vector>

#include "canvas/node_text.hpp"

namespace flowlab::ui {

/// Below this zoom a card draws only its name (and a fault).
constexpr qreal namesOnlyZoom = 0.3;

/// How large a node's text should be on screen, in pixels.
struct TextTarget {
    qreal wantPx = 12;   ///< body text, when the card has room
    qreal floorPx = 10;  ///< the least it may shrink to before lines are left out
    /// The target of the current appearance: text zoom, and presenter mode's large type.
    static TextTarget current();
};

/// One piece of text of a node, in the node's coordinates.
struct NodeTextRun {
    enum class Role { title, line, banner, tableHeading };
    Role role = Role::line;
    QRectF box;
    QString text;  ///< as drawn (elided only when even the smallest font is too wide)
    QFont font;    ///< pixel-sized
    NodeLine::Tone tone = NodeLine::Tone::normal;
    Qt::Alignment align = Qt::AlignLeft;
    /// A figure the lesson is about: a large line, or a line kept because it is orange or
    /// red or marked key (the legibility rule holds these to the target).
    bool key = false;
    /// The font's pixel size times the zoom: how tall the text is on screen.
    qreal screenPx(qreal zoom) const { return font.pixelSize() * zoom; }
};

struct NodeTextLayout {
    qreal headerHeight = 24;
    /// False at full detail (every line, the design's fonts); true when zoomed out.
    bool compact = false;
    std::vector<NodeTextRun> runs;
    /// How many of the node's lines are drawn.
    int linesShown = 0;
    /// Whether the picture (cells, bars) is drawn: a card too small for it and a figure
    /// at the legible size keeps the figure.
    bool picture = true;
};

/// What the layout needs to know of a node.
struct NodeTextInput {
    QString name;
    qreal width = 0, height = 0;
    qreal pictureHeight = 0;  ///< cells, bars or the dead-letter count under the header
    /// The picture on a compact card: thinner bars, cells in one row (its words are too
    /// small to read there anyway, and the room goes to the figures).
    qreal compactPictureHeight = 0;
    qreal lockWidth = 0;  ///< room the padlock takes in the header
    const std::vector<NodeLine>* lines = nullptr;
    QString banner;       ///< "" when no fault is in force
    QString bannerBrief;  ///< its short form, for a compact card
};

/// The text of a node drawn at `zoom` (scene to screen) for `target`.
NodeTextLayout layoutNodeText(const NodeTextInput& node, qreal zoom, const TextTarget& target);

/// Where the picture goes under a header of `headerHeight`.
QRectF nodePictureArea(const NodeTextInput& node, qreal headerHeight, bool compact);

}  // namespace flowlab::ui
