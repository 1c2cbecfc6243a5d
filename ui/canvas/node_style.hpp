#pragma once
/// Colours and names shared by the palette, the canvas and the legend.

#include <QColor>
#include <QString>

#include "flowlab/model/scenario.hpp"
#include "flowlab/runtime/observer.hpp"

namespace flowlab::ui {

/// The fill colour that identifies a node kind everywhere in the app.
QColor kindColor(model::NodeKind kind);
/// The kind's name for people ("Service", "Dead-letter queue").
QString kindTitle(model::NodeKind kind);
/// A token's colour by what it carries; failures are always red.
QColor hopColor(runtime::HopKind kind, bool failed);
QString hopTitle(runtime::HopKind kind);

/// Thread-state colours: idle, working, blocked (waiting on a call or a full broker), hung.
inline QColor idleColor() { return QColor(0xd8, 0xdd, 0xe3); }
inline QColor workingColor() { return QColor(0x2e, 0x9e, 0x4f); }
inline QColor blockedColor() { return QColor(0xe8, 0x9a, 0x1c); }
inline QColor failureColor() { return QColor(0xd3, 0x2f, 0x2f); }
/// A thread stuck in a hung node: dark slate (drawn hatched), never the green of progress.
inline QColor hungColor() { return QColor(0x37, 0x47, 0x4f); }
/// A webhook edge (a worker calling a client back) and a topic's retained log: teal.
inline QColor webhookColor() { return QColor(0x00, 0x89, 0x7b); }
inline QColor retainedLogColor() { return QColor(0x80, 0xcb, 0xc4); }

/// The MIME type a palette drag carries: the node kind's file name ("service").
inline QString nodeKindMimeType() { return QStringLiteral("application/x-flowlab-node-kind"); }

}  // namespace flowlab::ui
