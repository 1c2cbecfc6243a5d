// The real binary: `flowlab --open FILE --run-for S --dump-watch JSON` writes what the
// watch panel shows, so a script can hold the screen against the report.

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "main_window.hpp"
#include "panels/watch_panel.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

TEST(DumpWatch, WritesTheFiguresTheWatchPanelDisplays) {
    QTemporaryDir dir;
    const QString scenario = writeFile(dir, QStringLiteral("watch.json"), watchedScenario());
    const QString out = dir.filePath(QStringLiteral("watch-out.json"));
    int exitCode = -1;
    runApp({QStringLiteral("--open"), scenario, QStringLiteral("--run-for"), QStringLiteral("3"),
            QStringLiteral("--dump-watch"), out},
           &exitCode);
    ASSERT_EQ(exitCode, 0);
    QFile file(out);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonObject dump = QJsonDocument::fromJson(file.readAll(), &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    EXPECT_DOUBLE_EQ(dump[QStringLiteral("t_s")].toDouble(), 3.0);
    const QJsonArray watch = dump[QStringLiteral("watch")].toArray();

    // The same file in a window here: what its panel displays after the same run.
    MainWindow window;
    ASSERT_TRUE(window.openFile(scenario));
    window.runFor(3.0);
    const WatchPanel* panel = window.watch();
    ASSERT_EQ(watch.size(), panel->entryCount());
    ASSERT_EQ(watch.size(), 3);
    for (int i = 0; i < panel->entryCount(); ++i) {
        const QJsonObject o = watch[i].toObject();
        const WatchPanel::Entry& e = panel->entry(i);
        SCOPED_TRACE(e.item.metric);
        EXPECT_EQ(o[QStringLiteral("metric")].toString().toStdString(), e.item.metric);
        EXPECT_EQ(o[QStringLiteral("label")].toString().toStdString(), e.item.label);
        ASSERT_TRUE(e.value.has_value());
        EXPECT_EQ(o[QStringLiteral("value")].toDouble(), *e.value);
        EXPECT_EQ(o[QStringLiteral("shown")].toString(), e.valueText);
        EXPECT_EQ(o[QStringLiteral("reference_shown")].toString(), e.referenceText);
        if (e.reference)
            EXPECT_EQ(o[QStringLiteral("reference")].toDouble(), *e.reference);
        else
            EXPECT_TRUE(o[QStringLiteral("reference")].isNull());
        if (e.agrees)
            EXPECT_EQ(o[QStringLiteral("agrees")].toBool(), *e.agrees);
        else
            EXPECT_TRUE(o[QStringLiteral("agrees")].isNull());
    }
    // The failures entry disagrees by then (see watchedScenario): a verdict, not a blank.
    EXPECT_EQ(watch[2].toObject()[QStringLiteral("agrees")], QJsonValue(false));
}

TEST(DumpWatch, WithoutARunItDumpsTimeZeroToStandardOutput) {
    QTemporaryDir dir;
    const QString scenario = writeFile(dir, QStringLiteral("watch.json"), watchedScenario());
    int exitCode = -1;
    const QByteArray out = runApp(
        {QStringLiteral("--open"), scenario, QStringLiteral("--dump-watch"), QStringLiteral("-")},
        &exitCode);
    ASSERT_EQ(exitCode, 0);
    const QJsonObject dump = QJsonDocument::fromJson(out).object();
    EXPECT_DOUBLE_EQ(dump[QStringLiteral("t_s")].toDouble(), 0.0);
    const QJsonArray watch = dump[QStringLiteral("watch")].toArray();
    ASSERT_EQ(watch.size(), 3);
    // The figures at time 0, not blanks: no request yet, no failure yet (which agrees).
    EXPECT_EQ(watch[0].toObject()[QStringLiteral("value")], QJsonValue(0.0));
    EXPECT_EQ(watch[0].toObject()[QStringLiteral("shown")].toString(), QStringLiteral("0"));
    EXPECT_EQ(watch[2].toObject()[QStringLiteral("agrees")], QJsonValue(true));
}

}  // namespace flowlab::ui::test
