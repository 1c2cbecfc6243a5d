// Text a room can read: every shipped lesson, fitted into a 1280x720 window, in presenter
// mode and out of it, measured on screen. Each node's name, its key figures (large
// lines, anything orange or red) and its fault banner must be at least the mode's
// legibility floor tall in screen pixels (the font's pixel size times the view's zoom),
// and each node must show at least one figure besides its name (a line or its banner).

#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QFontMetricsF>

#include "canvas/canvas_scene.hpp"
#include "canvas/canvas_view.hpp"
#include "canvas/node_item.hpp"
#include "document/scenario_document.hpp"
#include "main_window.hpp"
#include "panels/presenter_mode.hpp"
#include "theme/appearance.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

/// Screen pixels a word must have: from the back of a room (presenter mode, 1280x720
/// projector), at a desk otherwise. Fonts are sized in whole scene pixels, so a size may
/// land up to half a scene pixel under its target: allowed for here.
constexpr double presenterFloorPx = 16;
constexpr double deskFloorPx = 10;

QStringList shippedLessons() {
    return QDir(QStringLiteral(FLOWLAB_SCENARIOS_DIR))
        .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
}

struct Measured {
    int nodes = 0;
    double smallestKeyPx = 1e9;
};

/// Opens `file` at 1280x720 (presenting or not), runs it into its fault, and checks every
/// node's words at the view's zoom.
Measured measure(const QString& file, bool presenting) {
    MainWindow window;
    window.resize(1280, 720);
    window.show();
    QApplication::setActiveWindow(&window);
    EXPECT_TRUE(window.openFile(QStringLiteral(FLOWLAB_SCENARIOS_DIR "/") + file));
    if (presenting) window.setPresenterMode(true, false);
    QApplication::processEvents();
    window.view()->fitAll();
    // Most lessons' faults strike at 20 s: their banners and red lines are on the cards.
    window.runFor(24.0);
    QApplication::processEvents();
    const double floor = presenting ? presenterFloorPx : deskFloorPx;
    const qreal zoom = window.view()->zoom();
    Measured m;
    for (const auto& node : window.document()->scenario().nodes) {
        const NodeItem* item = window.scene()->nodeItem(QString::fromStdString(node.id));
        EXPECT_NE(item, nullptr);
        if (!item) continue;
        ++m.nodes;
        const NodeTextLayout layout = item->textLayout(zoom);
        const std::string where = file.toStdString() + " " + node.id +
                                  (presenting ? " presenting" : " desk") + " zoom " +
                                  std::to_string(zoom);
        // A figure besides the name: a line, or the fault banner, which then says what
        // matters most about the node.
        const bool banner = !item->faultBanner().isEmpty();
        EXPECT_GE(layout.linesShown, item->bodyLines().empty() || banner ? 0 : 1) << where;
        QString name;
        for (const NodeTextRun& run : layout.runs) {
            if (run.role == NodeTextRun::Role::title) name += run.text;
            if (!run.key) continue;
            const double px = run.screenPx(zoom);
            m.smallestKeyPx = std::min(m.smallestKeyPx, px);
            EXPECT_GE(px, floor - 0.5 * zoom)
                << where << ": \"" << run.text.toStdString() << "\" is " << px << " px";
            // Whole, not cut short: a figure that ends in "…" says nothing.
            EXPECT_FALSE(run.text.endsWith(QChar(0x2026)))
                << where << " " << run.text.toStdString();
        }
        EXPECT_FALSE(name.isEmpty()) << where;
    }
    return m;
}

class Legibility : public ::testing::TestWithParam<QString> {};

}  // namespace

TEST_P(Legibility, NodeNamesAndKeyFiguresReadFromTheBackOfTheRoom) {
    AppearanceGuard guard;
    const Measured m = measure(GetParam(), true);
    EXPECT_GT(m.nodes, 0);
    EXPECT_GE(m.smallestKeyPx, presenterFloorPx - 0.5);
}

TEST_P(Legibility, NodeNamesAndKeyFiguresReadAtADesk) {
    AppearanceGuard guard;
    const Measured m = measure(GetParam(), false);
    EXPECT_GT(m.nodes, 0);
}

INSTANTIATE_TEST_SUITE_P(Shipped, Legibility, ::testing::ValuesIn(shippedLessons()),
                         [](const auto& info) {
                             QString name = info.param.section(QLatin1Char('.'), 0, 0);
                             name.replace(QLatin1Char('-'), QLatin1Char('_'));
                             return name.toStdString();
                         });

TEST(LegibilityRule, ZoomedOutTextKeepsItsScreenSizeAndDropsSecondaryLines) {
    // A card with a key figure, a red line and two muted lines, 104 scene units tall.
    std::vector<NodeLine> lines{{QStringLiteral("12 working · 4 blocked"), NodeLine::Tone::normal},
                                {QStringLiteral("backlog: 824"), NodeLine::Tone::warning},
                                {QStringLiteral("context one"), NodeLine::Tone::muted},
                                {QStringLiteral("context two"), NodeLine::Tone::muted}};
    lines[0].brief = QStringLiteral("4 blocked");
    NodeTextInput card;
    card.name = QStringLiteral("Gateway");
    card.width = NodeItem::width;
    card.height = 104;
    card.pictureHeight = 11;
    card.lines = &lines;
    const TextTarget room{21.6, 16};

    // Zoomed in so far that the design's fonts are the target on screen: every line.
    const NodeTextLayout full = layoutNodeText(card, 2.0, room);
    EXPECT_FALSE(full.compact);
    EXPECT_EQ(full.linesShown, 4);
    // Zoomed out to 0.6: the name and the key lines stay at least 16 px on screen; the
    // muted lines go; short forms are used.
    const NodeTextLayout far = layoutNodeText(card, 0.6, room);
    EXPECT_TRUE(far.compact);
    EXPECT_GE(far.linesShown, 1);
    EXPECT_LT(far.linesShown, 4);
    bool sawBrief = false;
    for (const NodeTextRun& run : far.runs) {
        EXPECT_NE(run.text, QStringLiteral("context two"));
        sawBrief |= run.text == QStringLiteral("4 blocked");
        if (run.key) EXPECT_GE(run.screenPx(0.6), 16 - 0.3) << run.text.toStdString();
        // Every run stays inside the card.
        EXPECT_LE(run.box.bottom(), card.height + 0.5) << run.text.toStdString();
    }
    // The most important line first: the orange backlog outranks the first line.
    bool sawBacklog = false;
    for (const NodeTextRun& run : far.runs)
        sawBacklog |= run.text.startsWith(QStringLiteral("backlog"));
    EXPECT_TRUE(sawBacklog);
    EXPECT_TRUE(sawBrief || far.linesShown == 1);
    // A header grows with its title instead of clipping it.
    EXPECT_GT(far.headerHeight, NodeItem::headerHeight);
}

}  // namespace flowlab::ui::test
