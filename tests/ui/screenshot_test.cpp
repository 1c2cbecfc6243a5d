// The real binary: `flowlab --open FILE --run-for S --screenshot PNG` writes a picture.

#include <gtest/gtest.h>

#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include "ui_test_support.hpp"

namespace flowlab::ui::test {

TEST(Screenshot, WritesANonBlankPngOfTheRunningScenario) {
    QTemporaryDir dir;
    const QString scenario =
        writeFile(dir, QStringLiteral("chain.json"), chainScenario(100, 8, 20));
    const QString png = dir.filePath(QStringLiteral("shot.png"));
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(FLOWLAB_APP),
              {QStringLiteral("--open"), scenario, QStringLiteral("--run-for"), QStringLiteral("3"),
               QStringLiteral("--screenshot"), png});
    ASSERT_TRUE(app.waitForFinished(60000));
    EXPECT_EQ(app.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(app.exitCode(), 0) << app.readAllStandardError().toStdString();
    QImage image(png);
    ASSERT_FALSE(image.isNull());
    EXPECT_GE(image.width(), 800);
    EXPECT_GE(image.height(), 600);
    // Canvas, charts and text give many colours; a blank or single-colour grab does not.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
    EXPECT_GT(colours.size(), 50);
}

TEST(Screenshot, TheWindowSizeOptionSizesThePicture) {
    QTemporaryDir dir;
    const QString scenario =
        writeFile(dir, QStringLiteral("chain.json"), chainScenario(100, 8, 20));
    const QString png = dir.filePath(QStringLiteral("projector.png"));
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(FLOWLAB_APP),
              {QStringLiteral("--open"), scenario, QStringLiteral("--window-size"),
               QStringLiteral("1280x720"), QStringLiteral("--screenshot"), png});
    ASSERT_TRUE(app.waitForFinished(60000));
    ASSERT_EQ(app.exitCode(), 0) << app.readAllStandardError().toStdString();
    EXPECT_EQ(QImage(png).size(), QSize(1280, 720));

    app.start(QStringLiteral(FLOWLAB_APP), {QStringLiteral("--window-size"), QStringLiteral("1280"),
                                            QStringLiteral("--screenshot"), png});
    ASSERT_TRUE(app.waitForFinished(60000));
    EXPECT_NE(app.exitCode(), 0);
    EXPECT_TRUE(app.readAllStandardError().contains("--window-size"));
}

TEST(Screenshot, ABadFileExitsNonZeroWithTheDiagnostics) {
    QTemporaryDir dir;
    const QString scenario =
        writeFile(dir, QStringLiteral("bad.json"), R"({ "format": "flowlab/1", "nodes": 3 })");
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(FLOWLAB_APP),
              {QStringLiteral("--open"), scenario, QStringLiteral("--screenshot"),
               dir.filePath(QStringLiteral("x.png"))});
    ASSERT_TRUE(app.waitForFinished(60000));
    EXPECT_NE(app.exitCode(), 0);
    EXPECT_TRUE(app.readAllStandardError().contains("bad.json"));
}

}  // namespace flowlab::ui::test
