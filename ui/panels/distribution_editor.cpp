#include "panels/distribution_editor.hpp"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>

#include "flowlab/model/schema.hpp"

namespace flowlab::ui {

DistributionEditor::DistributionEditor(QWidget* parent) : QWidget(parent) {
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    kind_ = new QComboBox(this);
    kind_->addItem(tr("constant"));
    kind_->addItem(tr("exponential"));
    kind_->addItem(tr("uniform"));
    kind_->addItem(tr("lognormal"));
    kind_->setToolTip(
        tr("constant: always the same; exponential: memoryless; uniform: flat; "
           "lognormal: heavy tail set by its median and P99"));
    aLabel_ = new QLabel(this);
    bLabel_ = new QLabel(this);
    a_ = new QLineEdit(this);
    b_ = new QLineEdit(this);
    layout->addWidget(kind_, 0, 0, 1, 2);
    layout->addWidget(aLabel_, 1, 0);
    layout->addWidget(a_, 1, 1);
    layout->addWidget(bLabel_, 2, 0);
    layout->addWidget(b_, 2, 1);
    connect(kind_, &QComboBox::activated, this, [this] {
        bare_ = false;
        // A fresh second number above the first, so switching kinds gives a valid spread.
        bool okA = false, okB = false;
        const double a = a_->text().toDouble(&okA), b = b_->text().toDouble(&okB);
        if (kind_->currentIndex() >= 2 && okA && (!okB || b <= a))
            b_->setText(QString::fromStdString(model::format_number(a * 2 + 1)));
        updateLabels();
        emit edited();
    });
    connect(a_, &QLineEdit::editingFinished, this, [this] {
        if (a_->isModified()) emit edited();
    });
    connect(b_, &QLineEdit::editingFinished, this, [this] {
        if (b_->isModified()) emit edited();
    });
    updateLabels();
}

void DistributionEditor::updateLabels() {
    switch (static_cast<model::Distribution::Kind>(kind_->currentIndex())) {
        case model::Distribution::Kind::constant: aLabel_->setText(tr("ms")); break;
        case model::Distribution::Kind::exponential: aLabel_->setText(tr("mean ms")); break;
        case model::Distribution::Kind::uniform:
            aLabel_->setText(tr("min ms"));
            bLabel_->setText(tr("max ms"));
            break;
        case model::Distribution::Kind::lognormal:
            aLabel_->setText(tr("median ms"));
            bLabel_->setText(tr("p99 ms"));
            break;
    }
    const bool two = kind_->currentIndex() >= 2;
    bLabel_->setVisible(two);
    b_->setVisible(two);
}

void DistributionEditor::setDistribution(const model::Distribution& dist) {
    kind_->setCurrentIndex(static_cast<int>(dist.kind));
    bare_ = dist.bare_number;
    if (!a_->hasFocus()) a_->setText(QString::fromStdString(model::format_number(dist.a)));
    if (!b_->hasFocus()) b_->setText(QString::fromStdString(model::format_number(dist.b)));
    a_->setModified(false);
    b_->setModified(false);
    updateLabels();
}

std::optional<model::Distribution> DistributionEditor::distribution(QString* why) const {
    bool okA = false, okB = true;
    model::Distribution d;
    d.kind = static_cast<model::Distribution::Kind>(kind_->currentIndex());
    d.a = a_->text().trimmed().toDouble(&okA);
    if (kind_->currentIndex() >= 2) d.b = b_->text().trimmed().toDouble(&okB);
    d.bare_number = bare_ && d.kind == model::Distribution::Kind::constant;
    if (!okA || !okB) {
        if (why) *why = tr("must be a number");
        return std::nullopt;
    }
    return d;
}

}  // namespace flowlab::ui
