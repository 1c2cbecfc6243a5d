#pragma once
/// The picture of a window as the user would see it once it has settled: what
/// --screenshot writes and the picture tests compare.

#include <QImage>

class QWidget;

namespace flowlab::ui {

/// Lets posted layouts run to the end, then grabs `widget`. A frame drawn just now can
/// resize a chart whose title then wraps anew, which posts a further layout; without the
/// rounds a picture would depend on when the last frame arrived, not only on the frame.
QImage settledPicture(QWidget* widget);

}  // namespace flowlab::ui
