#pragma once
// Shared by the UI tests: scenario files written on the fly (so the tests do not depend
// on the wording of shipped lessons) and synthetic mouse / drag events for the canvas.

#include <QDir>
#include <QEvent>
#include <QFile>
#include <QGraphicsView>
#include <QString>
#include <QTemporaryDir>

namespace flowlab::ui::test {

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

/// Sends a left-button press / move / release to the view's viewport, in view pixels.
void sendMouse(QGraphicsView* view, QEvent::Type type, QPoint pos, Qt::KeyboardModifiers modifiers);
/// Drags with the left button from one scene point to another (with `modifiers` held).
void dragInScene(QGraphicsView* view, QPointF from, QPointF to, Qt::KeyboardModifiers modifiers);

}  // namespace flowlab::ui::test
