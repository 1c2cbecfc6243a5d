#pragma once
/// The two sides of a compare, as every compare view shows them: A in blue, B in orange
/// (a pair told apart by colour-blind eyes too), each named by its scenario.

#include <QColor>
#include <QString>

namespace flowlab::ui {

enum class CompareSide { a, b };

inline QColor sideColor(CompareSide side) {
    return side == CompareSide::a ? QColor(0x1e, 0x6f, 0xd9) : QColor(0xe8, 0x71, 0x0a);
}

inline QString sideLetter(CompareSide side) {
    return side == CompareSide::a ? QStringLiteral("A") : QStringLiteral("B");
}

/// "A: Cascading checkout".
inline QString sideTitle(CompareSide side, const QString& name) {
    return sideLetter(side) + QStringLiteral(": ") + name;
}

}  // namespace flowlab::ui
