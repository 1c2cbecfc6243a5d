#pragma once
/// Edits a latency distribution: its kind and the one or two numbers that set it.

#include <QWidget>

#include "flowlab/model/scenario.hpp"

class QComboBox;
class QLabel;
class QLineEdit;

namespace flowlab::ui {

class DistributionEditor : public QWidget {
    Q_OBJECT
public:
    explicit DistributionEditor(QWidget* parent = nullptr);
    void setDistribution(const model::Distribution& dist);
    /// The edited distribution, or nullopt with `why` when a field is not a number.
    std::optional<model::Distribution> distribution(QString* why) const;

signals:
    void edited();

private:
    void updateLabels();

    QComboBox* kind_;
    QLabel* aLabel_;
    QLineEdit* a_;
    QLabel* bLabel_;
    QLineEdit* b_;
    bool bare_ = true;
};

}  // namespace flowlab::ui
