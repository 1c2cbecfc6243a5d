#pragma once
/// The sizes of a node's parts, shared by its geometry (node_item.cpp: how tall a kind
/// is) and its painting (node_painting.cpp). Internal to the canvas.

#include <QtGlobal>

#include "canvas/node_item.hpp"

namespace flowlab::ui::node_metrics {

/// Cells for up to this many threads; beyond it a stacked bar with counts stays readable.
constexpr int maxCells = 32;
constexpr int cellsPerRow = 16;
constexpr qreal cellRowHeight = 11;
constexpr qreal stackedBarHeight = 12;
constexpr qreal queueBarHeight = 14;
constexpr qreal dlqCountHeight = 28;
constexpr qreal partitionRowHeight = 14;
constexpr int maxPartitionRows = 6;
/// A topic with retention draws its log under the partitions: one row for the log, one
/// per consumer group (at most this many; more are summed up in the last).
constexpr int maxLogGroupRows = 3;
constexpr qreal logStripHeight = partitionRowHeight * (1 + maxLogGroupRows) + 4;
/// A queue's bar and each partition's on a compact card.
constexpr qreal compactBarHeight = 7;

/// Text at full detail (1:1); zoomed out, node_text_layout.cpp sizes it for the screen.
constexpr qreal bodyPoints = 9;
constexpr qreal lineHeight = 14;
constexpr qreal largeLineHeight = 18;
/// Table rows (a client's figures): label, then two right-aligned columns.
constexpr qreal tableLabelWidth = 58;
constexpr qreal tableFirstWidth = 58;
constexpr qreal tableGap = 6;

constexpr qreal bannerHeight = 16;
constexpr qreal padding = 4;
/// Body: a margin on the left, and on the right room for the port.
constexpr qreal bodyLeft = 6;
constexpr qreal bodyWidth = NodeItem::width - 14;

}  // namespace flowlab::ui::node_metrics
