#pragma once
/// What the colours on the canvas mean: tokens by kind, failures, thread states.

#include <QLabel>

namespace flowlab::ui {

class LegendPanel : public QLabel {
    Q_OBJECT
public:
    explicit LegendPanel(QWidget* parent = nullptr);
};

}  // namespace flowlab::ui
