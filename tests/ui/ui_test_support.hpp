#pragma once
// Shared by the UI tests: scenario files written on the fly (so the tests do not depend
// on the wording of shipped lessons) and synthetic mouse / drag events for the canvas.

#include <QDir>
#include <QEvent>
#include <QFile>
#include <QGraphicsView>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <cmath>
#include <string>

#include "flowlab/run/metric_path.hpp"
#include "main_window.hpp"
#include "session/live_session.hpp"
#include "theme/appearance.hpp"

namespace flowlab::ui::test {

/// Puts the appearance (and its saved settings) back as a test found them.
struct AppearanceGuard {
    AppearanceGuard() { Appearance::instance().reset(); }
    ~AppearanceGuard() {
        Appearance::instance().reset();
        Appearance::instance().save();
    }
};

/// The path of a shipped lesson file (scenarios/).
inline QString lessonPath(const char* file) {
    return QStringLiteral(FLOWLAB_SCENARIOS_DIR "/") + QString::fromLatin1(file);
}

/// A figure of the window's newest frame by its metric path; NaN when there is none (so
/// that any comparison with it fails).
inline double windowMetric(const MainWindow& window, const std::string& path) {
    const auto frame = window.session()->frame();
    if (!frame || !frame->report) return std::nan("");
    return run::metric_value(*frame->report, path).value_or(std::nan(""));
}

/// A temporary folder that lives as long as the test.
inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    const QString path = QDir(dir.path()).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return {};
    file.write(text);
    return path;
}

/// web (client) -> api (service) -> db (database), with `rate`, api's threads and work.
inline QByteArray chainScenario(double rate, int threads, double workMs) {
    return QStringLiteral(R"({
  "format": "flowlab/1", "name": "ui test chain", "seed": 11,
  "run": { "duration_s": 60 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": %1 },
    { "id": "api", "kind": "service", "threads": %2, "work_ms": %3 },
    { "id": "db", "kind": "database", "connections": 8, "query_ms": 1 }
  ],
  "edges": [
    { "from": "web", "to": "api", "mode": "sync" },
    { "from": "api", "to": "db", "mode": "sync" }
  ],
  "layout": { "web": [0, 0], "api": [260, 0], "db": [520, 0] }
})")
        .arg(rate)
        .arg(threads)
        .arg(workMs)
        .toUtf8();
}

/// 200 requests/s into a service that fails 1% of calls. Availability is held against
/// the theory 0.99 within 0.02: over 3 s (~600 requests) its standard error is
/// sqrt(0.99 * 0.01 / 600) = 0.004, so 0.02 is five of them. Failures are expected to be
/// 0: true at the start, false by 3 s (P(no failure in 600 calls) = 0.99^600 = 0.002).
/// Watch entries name a client, a theory figure and a node; one is prose only.
/// 50 requests/s (client timeout 3 s) into an 8-thread service that hangs from 2 s to 22 s.
inline QByteArray hangScenario() {
    return R"({
  "format": "flowlab/1", "name": "ui test hang", "seed": 3, "run": { "duration_s": 60 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": 50, "timeout_ms": 3000 },
    { "id": "api", "kind": "service", "threads": 8, "work_ms": 5 }
  ],
  "edges": [ { "from": "web", "to": "api", "mode": "sync" } ],
  "faults": [ { "at_s": 2, "for_s": 20, "target": "api", "fault": "hang" } ]
})";
}

inline QByteArray watchedScenario() {
    return R"({
  "format": "flowlab/1", "name": "ui test watch", "seed": 5, "run": { "duration_s": 10, "drain_s": 5 },
  "nodes": [
    { "id": "web", "kind": "client", "label": "Shoppers", "rate_per_s": 200 },
    { "id": "api", "kind": "service", "label": "Orders", "threads": 16, "work_ms": 5, "failure_rate": 0.01 }
  ],
  "edges": [ { "from": "web", "to": "api", "mode": "sync" } ],
  "layout": { "web": [0, 0], "api": [260, 0] },
  "lesson": {
    "goal": "watch the figures",
    "watch": [
      { "metric": "clients.web.requests", "label": "requests" },
      { "metric": "clients.web.availability", "label": "availability",
        "against": "theory.chain_availability", "tolerance": 0.02 },
      "a line of prose only, which the panel leaves to the lesson text",
      { "metric": "nodes.api.failed", "label": "failures", "expect": 0 }
    ]
  }
})";
}

/// Runs the real app (FLOWLAB_APP) headless; returns its standard output, or "" when it
/// did not finish in a minute. Its exit code goes to `exitCode`, its errors to `err`.
inline QByteArray runApp(const QStringList& arguments, int* exitCode, QByteArray* err = nullptr) {
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(FLOWLAB_APP), arguments);
    if (!app.waitForFinished(60000)) return {};
    *exitCode = app.exitCode();
    if (err) *err = app.readAllStandardError();
    return app.readAllStandardOutput();
}

/// Sends a left-button press / move / release to the view's viewport, in view pixels.
void sendMouse(QGraphicsView* view, QEvent::Type type, QPoint pos, Qt::KeyboardModifiers modifiers);
/// Drags with the left button from one scene point to another (with `modifiers` held).
void dragInScene(QGraphicsView* view, QPointF from, QPointF to, Qt::KeyboardModifiers modifiers);

}  // namespace flowlab::ui::test
