#pragma once
/// What the colours on the canvas mean: tokens by kind, failures, thread states, and
/// that token motion is not to scale in time.

#include <QLabel>

namespace flowlab::ui {

class LegendPanel : public QLabel {
    Q_OBJECT
public:
    explicit LegendPanel(QWidget* parent = nullptr);
};

}  // namespace flowlab::ui
