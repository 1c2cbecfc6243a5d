// flowlab: the desktop app. Thin: parse the command line, show the window, and for
// --screenshot / --dump-watch run headless-friendly (run, render or dump, exit).

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QImage>
#include <QJsonDocument>
#include <QSaveFile>
#include <cstdio>
#include <optional>

#include "compare/compare_clock.hpp"
#include "compare/compare_watch.hpp"
#include "compare/compare_window.hpp"
#include "export/exporter.hpp"
#include "main_window.hpp"
#include "panels/challenge_panel.hpp"
#include "panels/lesson_panel.hpp"
#include "panels/lesson_steps_panel.hpp"
#include "panels/run_controls.hpp"
#include "panels/watch_panel.hpp"
#include "theme/appearance.hpp"
#include "timeline/timeline_bar.hpp"

namespace {

int fail(const QString& message) {
    std::fprintf(stderr, "flowlab: %s\n", qPrintable(message));
    return 1;
}

/// The seconds (a number >= 0) given to `option`; nothing, once it said why, if not.
std::optional<double> secondsOf(const char* option, const QString& text) {
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (ok && seconds >= 0) return seconds;
    fail(QApplication::translate("main", "%1 must be a number of seconds >= 0, got %2")
             .arg(QLatin1String(option), text));
    return std::nullopt;
}

/// "1280x720" -> its size; an invalid one is empty.
QSize parseWindowSize(const QString& text) {
    const QStringList wh = text.split(QLatin1Char('x'));
    const int w = wh.size() == 2 ? wh[0].toInt() : 0, h = wh.size() == 2 ? wh[1].toInt() : 0;
    return w < 320 || h < 240 ? QSize() : QSize(w, h);
}

bool writeOut(const QString& path, const QByteArray& bytes) {
    if (path == QLatin1String("-"))
        return std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout) ==
               size_t(bytes.size());
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

/// The options compare mode shares with the main window's.
struct CompareOptions {
    QString runFor, seek, screenshot, windowSize, speed, dumpWatch;
};

/// flowlab --compare A B / --compare-pair PAIR: the compare window, scripted like the main
/// one (--window-size, --speed, --run-for, --screenshot, --dump-watch).
int runCompare(QApplication& app, flowlab::ui::CompareWindow* window, const CompareOptions& o) {
    if (!o.windowSize.isEmpty()) {
        const QSize size = parseWindowSize(o.windowSize);
        if (size.isEmpty())
            return fail(QApplication::translate(
                            "main", "--window-size must be WxH, at least 320x240, got %1")
                            .arg(o.windowSize));
        window->resize(size);
    }
    if (!o.speed.isEmpty()) {
        bool ok = false;
        const double x = o.speed.toDouble(&ok);
        if (!ok || x < 0 || x > 1000)
            return fail(
                QApplication::translate("main", "--speed must be 0 (max) or 0.1..1000, got %1")
                    .arg(o.speed));
        window->runControls()->setSpeed(x);
    }
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    if (!o.runFor.isEmpty()) {
        const auto seconds = secondsOf("--run-for", o.runFor);
        if (!seconds) return 1;
        window->runFor(*seconds);
    }
    if (!o.seek.isEmpty()) {
        const auto seconds = secondsOf("--seek", o.seek);
        if (!seconds) return 1;
        window->clock()->seekTo(*seconds);
    }
    const bool exitAfter = !o.screenshot.isEmpty() || !o.dumpWatch.isEmpty();
    if (exitAfter && o.runFor.isEmpty() && o.seek.isEmpty()) window->runFor(0);
    if (!o.screenshot.isEmpty() && !window->screenshot().save(o.screenshot, "PNG"))
        return fail(QApplication::translate("main", "cannot write %1").arg(o.screenshot));
    if (!o.dumpWatch.isEmpty() &&
        !writeOut(o.dumpWatch,
                  QJsonDocument(window->watch()->toJson()).toJson(QJsonDocument::Indented)))
        return fail(QApplication::translate("main", "cannot write %1").arg(o.dumpWatch));
    if (exitAfter) {
        window->close();
        return 0;
    }
    return app.exec();
}

}  // namespace

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
    const QCommandLineOption seek(
        QStringLiteral("seek"),
        QApplication::translate(
            "main", "After --run-for, go back to this virtual time (the timeline's seek)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption bookmark(
        QStringLiteral("bookmark"),
        QApplication::translate("main",
                                "Add a timeline bookmark at this virtual time (repeatable)."),
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
    const QCommandLineOption step(
        QStringLiteral("step"),
        QApplication::translate("main", "Open the lesson at step N (1 = the first)."),
        QStringLiteral("N"));
    const QCommandLineOption exportDir(
        QStringLiteral("export"),
        QApplication::translate("main",
                                "Write the canvas (PNG, SVG), each chart (PNG, SVG, CSV) and the "
                                "report (JSON) into this folder and exit."),
        QStringLiteral("DIR"));
    const QCommandLineOption recover(
        QStringLiteral("recover"),
        QApplication::translate(
            "main", "Recover a newer autosave of the opened file without asking (after a crash)."));
    const QCommandLineOption presenter(
        QStringLiteral("presenter"),
        QApplication::translate("main",
                                "Start in presenter mode (full screen, or --window-size)."));
    const QCommandLineOption theme(
        QStringLiteral("theme"),
        QApplication::translate("main", "Theme: light, dark or high-contrast (this session)."),
        QStringLiteral("NAME"));
    const QCommandLineOption checkDesign(
        QStringLiteral("check-design"),
        QApplication::translate(
            "main", "Press \"Check my design\" after the run and wait for the verdict."));
    const QCommandLineOption compare(
        QStringLiteral("compare"),
        QApplication::translate("main",
                                "Compare mode: scenario A here, scenario B as the next argument "
                                "(--compare A.json B.json)."),
        QStringLiteral("A"));
    const QCommandLineOption comparePair(
        QStringLiteral("compare-pair"),
        QApplication::translate("main", "Compare mode on a compare pair file (scenarios/compare)."),
        QStringLiteral("PAIR"));
    parser.addOptions({open, runFor, seek, bookmark, screenshot, speed, dumpWatch, windowSize,
                       exportDir, recover, step, presenter, theme, checkDesign, compare,
                       comparePair});
    parser.addPositionalArgument(QStringLiteral("B"),
                                 QApplication::translate("main", "With --compare: scenario B."),
                                 QStringLiteral("[B]"));
    parser.process(app);

    // The theme and text zoom of the last session; --theme overrides the theme for this one.
    flowlab::ui::Appearance::instance().restore();
    if (parser.isSet(theme)) {
        flowlab::ui::ThemeKind kind{};
        if (!flowlab::ui::parseThemeName(parser.value(theme), &kind))
            return fail(QApplication::translate(
                            "main", "--theme must be light, dark or high-contrast, got %1")
                            .arg(parser.value(theme)));
        flowlab::ui::Appearance::instance().setTheme(kind);
    }

    if (parser.isSet(compare) || parser.isSet(comparePair)) {
        QStringList errors;
        flowlab::ui::CompareWindow* window = nullptr;
        if (parser.isSet(compare) && parser.isSet(comparePair))
            return fail(
                QApplication::translate("main", "give --compare or --compare-pair, not both"));
        if (parser.isSet(compare)) {
            if (parser.positionalArguments().size() != 1)
                return fail(QApplication::translate(
                    "main", "--compare needs two scenario files: --compare A.json B.json"));
            window = flowlab::ui::CompareWindow::fromFiles(
                parser.value(compare), parser.positionalArguments().front(), &errors);
        } else {
            window = flowlab::ui::CompareWindow::fromPair(parser.value(comparePair), &errors);
        }
        for (const QString& e : errors) std::fprintf(stderr, "%s\n", qPrintable(e));
        if (!window) return 2;
        return runCompare(app, window,
                          {parser.value(runFor), parser.value(seek), parser.value(screenshot),
                           parser.value(windowSize), parser.value(speed), parser.value(dumpWatch)});
    }

    flowlab::ui::MainWindow window;
    const bool exitAfter =
        parser.isSet(screenshot) || parser.isSet(dumpWatch) || parser.isSet(exportDir);
    // A picture or a dump shows what its command line asks for, never a remembered step.
    window.setRemembersLessonProgress(!exitAfter && !parser.isSet(step));
    if (parser.isSet(windowSize)) {
        const QSize size = parseWindowSize(parser.value(windowSize));
        if (size.isEmpty())
            return fail(QApplication::translate(
                            "main", "--window-size must be WxH, at least 320x240, got %1")
                            .arg(parser.value(windowSize)));
        window.resize(size);
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
    using RecoveryChoice = flowlab::ui::MainWindow::RecoveryChoice;
    // A scripted run (--screenshot, --dump-watch) never waits on a question, nor takes the
    // decision about an autosave away from the user.
    if (parser.isSet(recover))
        window.setRecoveryChoice(RecoveryChoice::accept);
    else if (parser.isSet(screenshot) || parser.isSet(dumpWatch))
        window.setRecoveryChoice(RecoveryChoice::leave);
    if (parser.isSet(open)) {
        QStringList errors;
        if (!window.openFile(parser.value(open), &errors)) {
            for (const QString& e : errors) std::fprintf(stderr, "%s\n", qPrintable(e));
            return fail(QApplication::translate("main", "cannot open %1").arg(parser.value(open)));
        }
    }
    if (parser.isSet(step)) {
        bool ok = false;
        const int n = parser.value(step).toInt(&ok);
        auto* steps = window.lesson()->steps();
        if (steps->stepCount() == 0)
            return fail(
                QApplication::translate("main", "--step: the scenario has no lesson steps"));
        if (!ok || !steps->goToStep(n - 1))
            return fail(QApplication::translate("main", "--step must be 1 to %1, got %2")
                            .arg(steps->stepCount())
                            .arg(parser.value(step)));
    }
    window.show();
    // With --window-size the window stands for a screen of that size (a projector's).
    if (parser.isSet(presenter)) window.setPresenterMode(true, !parser.isSet(windowSize));
    if (parser.isSet(runFor)) {
        const auto seconds = secondsOf("--run-for", parser.value(runFor));
        if (!seconds) return 1;
        window.runFor(*seconds);
    }
    if (parser.isSet(seek)) {
        const auto seconds = secondsOf("--seek", parser.value(seek));
        if (!seconds) return 1;
        window.seekTo(*seconds);
    }
    for (const QString& value : parser.values(bookmark)) {
        const auto seconds = secondsOf("--bookmark", value);
        if (!seconds) return 1;
        window.timeline()->addBookmark(*seconds);
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
    // Without a run, draw the frame at time 0 (frames otherwise arrive once the event
    // loop runs, which these exit before).
    if (exitAfter && !parser.isSet(runFor) && !parser.isSet(seek)) window.runFor(0);
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
        if (!writeOut(path, json))
            return fail(QApplication::translate("main", "cannot write %1").arg(path));
    }
    if (parser.isSet(exportDir)) {
        QApplication::processEvents();  // lay the charts out at the window's size
        const QStringList problems = window.exporter()->exportAll(parser.value(exportDir));
        for (const QString& p : problems) std::fprintf(stderr, "flowlab: %s\n", qPrintable(p));
        if (!problems.isEmpty()) return 1;
    }
    if (exitAfter) return 0;
    return app.exec();
}
