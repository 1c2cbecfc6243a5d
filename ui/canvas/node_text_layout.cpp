#include "canvas/node_text_layout.hpp"

#include <QFontMetricsF>
#include <QStringList>
#include <algorithm>
#include <cmath>

#include "canvas/node_metrics.hpp"
#include "theme/appearance.hpp"

namespace flowlab::ui {

using namespace node_metrics;

namespace {

using Tone = NodeLine::Tone;

/// The design's text sizes in pixels (9 pt body at 96 dpi): what a card shows at 1:1.
constexpr qreal bodyPx = 12, titlePx = 14, largePx = 13, smallPx = 11;
/// Presenter mode's floor: what the back of a room still reads on a 1280x720 projector
/// (about 2 % of the screen's height, twice a desktop's 8 pt).
constexpr qreal presenterFloorPx = 16;
/// Outside presenter mode: the smallest text a student at a desk reads without effort.
constexpr qreal deskFloorPx = 10;
/// Full detail while the text needs to grow by no more than this to reach its target:
/// slightly small text beats losing half the lines.
constexpr qreal fullDetailGrowth = 1.12;
/// The most a card's text grows (far zoomed out only the name is drawn anyway).
constexpr qreal maxGrowth = 4.0;
/// The most a title grows at full detail: the header keeps its height.
constexpr qreal maxTitleGrowth = 1.4;
/// Each try at a smaller font is this much smaller.
constexpr qreal shrinkStep = 0.92;
/// Row height per pixel of font: the font's ascent and descent plus a little leading.
constexpr qreal leading = 1.22;

QFont pixelFont(qreal px, bool bold) {
    QFont font;
    font.setPixelSize(std::max(1, int(std::lround(px))));
    font.setBold(bold);
    return font;
}

qreal textWidth(const QString& text, const QFont& font) {
    return QFontMetricsF(font).horizontalAdvance(text);
}

/// The largest font from `from` down to `to` (pixels) in which `text` fits `width`;
/// elided in the smallest when none does.
NodeTextRun fitted(NodeTextRun run, const QString& text, qreal from, qreal to, bool bold) {
    to = std::min(to, from);
    for (qreal px = from;; px *= shrinkStep) {
        const bool last = px * shrinkStep < to - 0.01;
        const QFont font = pixelFont(last ? std::max(px, to) : px, bold);
        if (textWidth(text, font) <= run.box.width() || last) {
            run.font = font;
            run.text = QFontMetricsF(font).elidedText(text, Qt::ElideRight, run.box.width());
            return run;
        }
    }
}

/// The name wrapped at its spaces (and after its hyphens) into lines of `width`, or
/// empty when a word is wider than that.
QStringList wrapped(const QString& name, const QFont& font, qreal width) {
    QStringList words;
    QString word;
    for (const QChar c : name) {
        if (c == QLatin1Char(' ')) {
            if (!word.isEmpty()) words << word;
            word.clear();
            continue;
        }
        word += c;
        if (c == QLatin1Char('-')) {
            words << word;
            word.clear();
        }
    }
    if (!word.isEmpty()) words << word;
    QStringList lines;
    for (const QString& w : words) {
        if (textWidth(w, font) > width) return {};
        const bool glued = !lines.isEmpty() && lines.back().endsWith(QLatin1Char('-'));
        const QString joined = lines.isEmpty()
                                   ? QString()
                                   : lines.back() + (glued ? QString() : QStringLiteral(" ")) + w;
        if (!lines.isEmpty() && textWidth(joined, font) <= width)
            lines.back() = joined;
        else
            lines << w;
    }
    return lines;
}

/// The name in the largest font from `from` down to `to` (pixels) in which it fits
/// `width` on one line, or (`manyLines`) wrapped on up to three, a word too long for any
/// line broken inside with a hyphen; elided on one line if nothing fits.
struct Title {
    QStringList lines;
    qreal px = titlePx;
};
Title fitTitle(const QString& name, qreal width, qreal from, qreal to, bool manyLines) {
    constexpr int maxLines = 3;
    to = std::min(to, from);
    // The sizes to try, largest first, down to `to`.
    std::vector<qreal> sizes;
    for (qreal px = from; px > to + 0.01; px *= shrinkStep) sizes.push_back(px);
    sizes.push_back(to);
    auto size = [](qreal px) { return qreal(pixelFont(px, true).pixelSize()); };
    // One line at any size beats two (the header keeps room for the figures), two at the
    // least size beat a name cut short.
    for (const qreal px : sizes)
        if (textWidth(name, pixelFont(px, true)) <= width) return {{name}, size(px)};
    const QFont least = pixelFont(to, true);
    auto cut = [&] {
        return Title{{QFontMetricsF(least).elidedText(name, Qt::ElideRight, width)}, size(to)};
    };
    if (!manyLines) return cut();
    // Fewer lines first: a header of two lines at the least size leaves the card more
    // room for its figures than one of three in a larger font.
    for (int count = 2; count <= maxLines; ++count)
        for (const qreal px : sizes)
            if (const QStringList lines = wrapped(name, pixelFont(px, true), width);
                !lines.isEmpty() && lines.size() <= count)
                return {lines, size(px)};
    // A word too long for the card ("Notifications") breaks inside, with a hyphen, where
    // the two halves are most even.
    QStringList best;
    qreal bestWidth = 0;
    for (int i = 3; i + 3 <= int(name.size()); ++i) {
        const QString head = name.left(i) + QLatin1Char('-'), tail = name.mid(i);
        const qreal w = std::max(textWidth(head, least), textWidth(tail, least));
        if (w <= width && (best.isEmpty() || w < bestWidth)) {
            best = {head, tail};
            bestWidth = w;
        }
    }
    return best.isEmpty() ? cut() : Title{best, size(to)};
}

bool isTableRow(const NodeLine& line) { return line.text.contains(QLatin1Char('\t')); }
bool isTableHeading(const NodeLine& line) { return line.text.startsWith(QLatin1Char('\t')); }

/// Zoomed out, which lines matter most: 0 the key figures (large lines), 1 anything
/// orange or red, 2 the first line (what the node is doing) and lines marked key;
/// 3 the rest, left out. A table heading goes with its row.
int priority(const std::vector<NodeLine>& lines, std::size_t i) {
    const NodeLine& line = lines[i];
    if (line.large) return 0;
    if (line.tone == Tone::warning || line.tone == Tone::alarm) return 1;
    if (i == 0 || line.key) return 2;
    return 3;
}

/// Full detail: every line in the design's fonts, as many as the card holds (a card's
/// height is made for them: nodeLineBudget).
void fullLines(NodeTextLayout& out, const NodeTextInput& node, qreal top, qreal bottom) {
    const auto& lines = *node.lines;
    qreal y = top;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const NodeLine& line = lines[i];
        const qreal h = line.large ? largeLineHeight : lineHeight;
        if (y + h > bottom + 0.5) break;
        const QRectF box(bodyLeft, y, bodyWidth, h);
        y += h;
        ++out.linesShown;
        NodeTextRun run;
        run.tone = line.tone;
        run.key = line.large;
        const QStringList columns = line.text.split(QLatin1Char('\t'));
        const qreal px = line.large ? largePx : bodyPx;
        if (columns.size() == 1) {
            run.box = box;
            out.runs.push_back(fitted(run, line.text, px, smallPx, line.large));
            continue;
        }
        // A table row: a muted label, then figures right-aligned under their headings.
        NodeTextRun label = run;
        label.role = NodeTextRun::Role::tableHeading;
        label.tone = Tone::muted;
        label.key = false;
        label.box = QRectF(box.left(), box.top(), tableLabelWidth, h);
        out.runs.push_back(fitted(label, columns[0], smallPx, smallPx, false));
        if (columns.size() == 2) {
            run.box = box.adjusted(tableLabelWidth, 0, 0, 0);
            out.runs.push_back(fitted(run, columns[1], px, smallPx, line.large));
            continue;
        }
        const qreal split = box.left() + tableLabelWidth + tableFirstWidth + tableGap;
        run.align = Qt::AlignRight;
        run.box = QRectF(box.left() + tableLabelWidth, box.top(), tableFirstWidth, h);
        out.runs.push_back(fitted(run, columns[1], px, smallPx, line.large));
        run.box = QRectF(split, box.top(), box.right() - split, h);
        out.runs.push_back(fitted(run, columns[2], px, smallPx, line.large));
    }
}

/// A compact table row's figures, each with its label: the heading's column above it,
/// or the row's own label ("ok 99.70 %", "P99 55 ms").
std::vector<std::pair<QString, QString>> tableFigures(const std::vector<NodeLine>& lines,
                                                      std::size_t i) {
    const QStringList columns = lines[i].text.split(QLatin1Char('\t'));
    const QStringList heading = i > 0 && isTableHeading(lines[i - 1])
                                    ? lines[i - 1].text.split(QLatin1Char('\t'))
                                    : QStringList();
    std::vector<std::pair<QString, QString>> figures;
    for (int k = 1; k < columns.size(); ++k)
        figures.emplace_back(heading.value(k, k == 1 ? columns[0] : QString()), columns[k]);
    return figures;
}

/// A table row on one line, for a card too short for a row per figure: its figures side
/// by side, or as many as fit the card's width at `px` (the first matters most).
QString tableOnOneLine(const std::vector<NodeLine>& lines, std::size_t i, qreal px, bool bold) {
    QStringList values;
    for (const auto& figure : tableFigures(lines, i)) values << figure.second;
    const QFont font = pixelFont(px, bold);
    const QString gap = QStringLiteral(" · ");
    while (values.size() > 1 && textWidth(values.join(gap), font) > bodyWidth) values.removeLast();
    return values.join(gap);
}

/// Compact: the lines that matter most, at `px` (scene pixels), each no smaller than
/// `floor`; a table row becomes one row per figure. False when not even the most
/// important line fits.
bool compactLines(NodeTextLayout& out, const NodeTextInput& node, qreal top, qreal bottom, qreal px,
                  qreal floor) {
    const auto& lines = *node.lines;
    auto linePx = [&](const NodeLine& line) { return line.large ? px * largePx / bodyPx : px; };
    auto rows = [&](std::size_t i) {
        return isTableRow(lines[i]) ? std::max<std::size_t>(1, tableFigures(lines, i).size()) : 1;
    };
    // Choose by priority, draw in the lines' own order.
    std::vector<bool> chosen(lines.size(), false), oneLine(lines.size(), false);
    qreal room = bottom - top;
    bool first = true;
    for (int level = 0; level < 3; ++level)
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (isTableHeading(lines[i]) || priority(lines, i) != level) continue;
            qreal need = linePx(lines[i]) * leading * rows(i);
            bool fits = need <= room + 0.5;
            // A table row that has no room for a row per figure may still fit on one line
            // (a client's card in a compare window's narrower canvas, say).
            if (!fits && rows(i) > 1 && linePx(lines[i]) * leading <= room + 0.5) {
                need = linePx(lines[i]) * leading;
                fits = oneLine[i] = true;
            }
            // The most important line must fit, or this size is too large.
            // On a card with a fault banner the banner says what matters most.
            if (first && !fits && node.banner.isEmpty()) return false;
            first = false;
            if (!fits) continue;
            room -= need;
            chosen[i] = true;
        }
    qreal y = top;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!chosen[i]) continue;
        const NodeLine& line = lines[i];
        const qreal size = linePx(line), h = size * leading;
        ++out.linesShown;
        NodeTextRun run;
        run.tone = line.tone;
        run.key = priority(lines, i) <= 1 || line.key;
        if (!isTableRow(line) || oneLine[i]) {
            run.box = QRectF(bodyLeft, y, bodyWidth, h);
            y += h;
            const QString text = oneLine[i]             ? tableOnOneLine(lines, i, size, line.large)
                                 : line.brief.isEmpty() ? line.text
                                                        : line.brief;
            out.runs.push_back(fitted(run, text, size, floor, line.large));
            continue;
        }
        for (const auto& [label, value] : tableFigures(lines, i)) {
            // The label small and muted on the left, the figure large on the right.
            NodeTextRun caption;
            caption.role = NodeTextRun::Role::tableHeading;
            caption.tone = Tone::muted;
            const QFont captionFont = pixelFont(std::max(smallPx, size * smallPx / bodyPx), false);
            const qreal captionWidth = std::min(bodyWidth / 3, textWidth(label, captionFont) + 4);
            caption.box = QRectF(bodyLeft, y, captionWidth, h);
            out.runs.push_back(fitted(caption, label, captionFont.pixelSize(), smallPx, false));
            run.align = Qt::AlignRight;
            run.box = QRectF(bodyLeft + captionWidth, y, bodyWidth - captionWidth, h);
            out.runs.push_back(fitted(run, value, size, floor, line.large));
            y += h;
        }
    }
    return true;
}

/// The header with the name in it (grown to hold a larger title, on up to two lines).
void placeTitle(NodeTextLayout& out, const NodeTextInput& node, qreal from, qreal to) {
    const qreal width = node.width - 12 - node.lockWidth;
    // At full detail the header keeps its height: one line, shrunk or cut if need be.
    const Title title = fitTitle(node.name, width, from, to, out.compact);
    const qreal rowHeight = title.px * 1.15;
    out.headerHeight = std::max(NodeItem::headerHeight, rowHeight * title.lines.size() + 4);
    const qreal top = (out.headerHeight - rowHeight * title.lines.size()) / 2;
    for (int i = 0; i < title.lines.size(); ++i) {
        NodeTextRun run;
        run.role = NodeTextRun::Role::title;
        run.key = true;
        run.box = QRectF(6, top + i * rowHeight, width, rowHeight);
        run.text = title.lines[i];
        run.font = pixelFont(title.px, true);
        out.runs.push_back(run);
    }
}

/// The fault banner at the bottom of the card, as tall as its text; its top.
qreal placeBanner(NodeTextLayout& out, const NodeTextInput& node, qreal px, qreal floor) {
    if (node.banner.isEmpty()) return node.height - padding;
    const qreal h = std::max(bannerHeight, px * leading);
    NodeTextRun run;
    run.role = NodeTextRun::Role::banner;
    run.key = true;
    run.align = Qt::AlignHCenter;
    run.box = QRectF(4, node.height - h, node.width - 8, h);
    const bool brief = out.compact && !node.bannerBrief.isEmpty();
    out.runs.push_back(fitted(run, brief ? node.bannerBrief : node.banner, px, floor, true));
    return node.height - h;
}

NodeTextLayout layoutAt(const NodeTextInput& node, qreal px, qreal floor, bool compact,
                        bool* fits) {
    NodeTextLayout out;
    out.compact = compact;
    const qreal growth = px / bodyPx;
    placeTitle(out, node, titlePx * (compact ? growth : std::min(growth, maxTitleGrowth)),
               compact ? floor : bodyPx);
    const qreal bottom = placeBanner(out, node, compact ? px : bodyPx, compact ? floor : smallPx);
    const QRectF picture = nodePictureArea(node, out.headerHeight, compact);
    const qreal top = picture.bottom() + (picture.height() > 0 ? padding : 0);
    *fits = true;
    if (!node.lines) return out;
    if (compact)
        *fits = compactLines(out, node, top, bottom, px, floor);
    else
        fullLines(out, node, top, bottom);
    return out;
}

}  // namespace

TextTarget TextTarget::current() {
    const Appearance& appearance = Appearance::instance();
    const qreal zoom = appearance.textZoom();
    TextTarget target;
    target.wantPx = bodyPx * appearance.canvasTextScale();
    target.floorPx = (appearance.presenter() ? presenterFloorPx : deskFloorPx) * zoom;
    return target;
}

QRectF nodePictureArea(const NodeTextInput& node, qreal headerHeight, bool compact) {
    return QRectF(bodyLeft, headerHeight + padding, bodyWidth,
                  compact ? node.compactPictureHeight : node.pictureHeight);
}

NodeTextLayout layoutNodeText(const NodeTextInput& node, qreal zoom, const TextTarget& target) {
    zoom = std::max(zoom, 0.01);
    bool fits = true;
    // The scene size that puts text at the target on screen: never below the design's
    // (zoomed in, text grows with the zoom), never past maxGrowth.
    const qreal want = std::clamp(target.wantPx / zoom, bodyPx, bodyPx * maxGrowth);
    const qreal floor = std::clamp(target.floorPx / zoom, smallPx, want);
    if (want <= bodyPx * fullDetailGrowth) return layoutAt(node, want, bodyPx, false, &fits);
    if (zoom < namesOnlyZoom) {
        NodeTextInput bare = node;
        bare.lines = nullptr;
        return layoutAt(bare, floor, floor, true, &fits);
    }
    // The largest text at which the most important line still fits; else the smallest.
    for (qreal px = want;; px *= shrinkStep) {
        const bool last = px * shrinkStep < floor - 0.01;
        NodeTextLayout layout = layoutAt(node, last ? floor : px, floor, true, &fits);
        if (fits) return layout;
        if (last) {
            // Even at the floor the header and the picture leave no room for a figure:
            // the figure wins, the picture goes (the words say what it showed).
            NodeTextInput bare = node;
            bare.compactPictureHeight = 0;
            NodeTextLayout figures = layoutAt(bare, floor, floor, true, &fits);
            if (!fits) return layout;
            figures.picture = false;
            return figures;
        }
    }
}

}  // namespace flowlab::ui
