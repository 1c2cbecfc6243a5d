// flowlab: the desktop app. Thin: parse the command line, show the window, and for
// --screenshot / --dump-watch run headless-friendly (run, render or dump, exit).

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QImage>
#include <QJsonDocument>
#include <QSaveFile>
#include <cstdio>

#include "main_window.hpp"
#include "panels/challenge_panel.hpp"
#include "panels/run_controls.hpp"
#include "panels/watch_panel.hpp"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("FlowLab"));
    QApplication::setApplicationName(QStringLiteral("flowlab"));
    QApplication::setApplicationVersion(QStringLiteral(FLOWLAB_VERSION));  // from CMake

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "FlowLab: see how requests and messages flow."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption open(QStringLiteral("open"),
                                  QApplication::translate("main", "Scenario file to open."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption runFor(
        QStringLiteral("run-for"),
        QApplication::translate("main", "Run this many virtual seconds after opening."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Write the window as a PNG and exit."),
        QStringLiteral("PNG"));
    const QCommandLineOption speed(
        QStringLiteral("speed"),
        QApplication::translate("main", "Playback speed (0.1..1000, 0 = max)."),
        QStringLiteral("X"));
    const QCommandLineOption dumpWatch(
        QStringLiteral("dump-watch"),
        QApplication::translate(
            "main", "Write the watch panel's figures as JSON (\"-\" for stdout) and exit."),
        QStringLiteral("JSON"));
    const QCommandLineOption windowSize(
        QStringLiteral("window-size"),
        QApplication::translate("main", "Window size, e.g. 1280x720 (a projector)."),
        QStringLiteral("WxH"));
    const QCommandLineOption checkDesign(
        QStringLiteral("check-design"),
        QApplication::translate(
            "main", "Press \"Check my design\" after the run and wait for the verdict."));
    parser.addOptions({open, runFor, screenshot, speed, dumpWatch, windowSize, checkDesign});
    parser.process(app);

    auto fail = [](const QString& message) {
        std::fprintf(stderr, "flowlab: %s\n", qPrintable(message));
        return 1;
    };

    flowlab::ui::MainWindow window;
    if (parser.isSet(windowSize)) {
        const QStringList wh = parser.value(windowSize).split(QLatin1Char('x'));
        const int w = wh.size() == 2 ? wh[0].toInt() : 0, h = wh.size() == 2 ? wh[1].toInt() : 0;
        if (w < 320 || h < 240)
            return fail(QApplication::translate(
                            "main", "--window-size must be WxH, at least 320x240, got %1")
                            .arg(parser.value(windowSize)));
        window.resize(w, h);
    }
    if (parser.isSet(speed)) {
        bool ok = false;
        const double x = parser.value(speed).toDouble(&ok);
        if (!ok || x < 0 || x > 1000)
            return fail(
                QApplication::translate("main", "--speed must be 0 (max) or 0.1..1000, got %1")
                    .arg(parser.value(speed)));
        window.runControls()->setSpeed(x);
    }
    if (parser.isSet(open)) {
        QStringList errors;
        if (!window.openFile(parser.value(open), &errors)) {
            for (const QString& e : errors) std::fprintf(stderr, "%s\n", qPrintable(e));
            return fail(QApplication::translate("main", "cannot open %1").arg(parser.value(open)));
        }
    }
    window.show();
    if (parser.isSet(runFor)) {
        bool ok = false;
        const double seconds = parser.value(runFor).toDouble(&ok);
        if (!ok || seconds < 0)
            return fail(QApplication::translate(
                            "main", "--run-for must be a number of seconds >= 0, got %1")
                            .arg(parser.value(runFor)));
        window.runFor(seconds);
    }
    if (parser.isSet(checkDesign)) {
        flowlab::ui::ChallengePanel* challenge = window.challenge();
        if (!challenge->hasChallenge())
            return fail(QApplication::translate("main", "--check-design needs a challenge open"));
        QEventLoop wait;
        QObject::connect(challenge, &flowlab::ui::ChallengePanel::checkFinished, &wait,
                         &QEventLoop::quit);
        challenge->checkDesign();
        wait.exec();
    }
    const bool exitAfter = parser.isSet(screenshot) || parser.isSet(dumpWatch);
    // Without a run, draw the frame at time 0 (frames otherwise arrive once the event
    // loop runs, which these exit before).
    if (exitAfter && !parser.isSet(runFor)) window.runFor(0);
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        if (!window.screenshot().save(path, "PNG"))
            return fail(QApplication::translate("main", "cannot write %1").arg(path));
    }
    if (parser.isSet(dumpWatch)) {
        // The panel's own record of what it displays, so a script checks the screen itself.
        const QByteArray json =
            QJsonDocument(window.watch()->toJson()).toJson(QJsonDocument::Indented);
        const QString path = parser.value(dumpWatch);
        if (path == QLatin1String("-")) {
            std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
        } else {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() ||
                !file.commit())
                return fail(QApplication::translate("main", "cannot write %1").arg(path));
        }
    }
    if (exitAfter) return 0;
    return app.exec();
}
