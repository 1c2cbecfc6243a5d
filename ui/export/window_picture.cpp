#include "export/window_picture.hpp"

#include <QApplication>
#include <QWidget>

namespace flowlab::ui {

QImage settledPicture(QWidget* widget) {
    // Four rounds: a frame, the resize it causes, the title wrap that follows, and one
    // spare; layouts that still post after that would flicker on screen as well.
    for (int round = 0; round < 4; ++round) {
        QApplication::sendPostedEvents();
        QApplication::processEvents();
    }
    return widget->grab().toImage();
}

}  // namespace flowlab::ui
