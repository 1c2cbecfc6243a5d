#include "panels/param_editor.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include "panels/distribution_editor.hpp"

namespace flowlab::ui {

ParamEditor::ParamEditor(const model::ParamInfo& info, QWidget* parent)
    : QWidget(parent), info_(info) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    const QString tip =
        QString::fromStdString(info.description) + QStringLiteral("\n") +
        tr("Expected: %1").arg(QString::fromStdString(model::describe_expected(info)));
    setToolTip(tip);
    switch (info.type) {
        case model::ParamType::boolean:
            check_ = new QCheckBox(this);
            layout->addWidget(check_);
            connect(check_, &QCheckBox::clicked, this,
                    [this](bool on) { emit edited(model::ParamValue(on)); });
            break;
        case model::ParamType::choice:
            combo_ = new QComboBox(this);
            for (const auto& c : info.choices) combo_->addItem(QString::fromStdString(c));
            layout->addWidget(combo_);
            connect(combo_, &QComboBox::activated, this,
                    [this](int index) { emit edited(model::ParamValue(info_.choices.at(index))); });
            break;
        case model::ParamType::distribution:
            dist_ = new DistributionEditor(this);
            layout->addWidget(dist_);
            connect(dist_, &DistributionEditor::edited, this, [this] {
                QString why;
                const auto d = dist_->distribution(&why);
                if (!d) return showProblem(why);
                emit edited(model::ParamValue(*d));
            });
            break;
        default:
            line_ = new QLineEdit(this);
            if (!info.absent.empty())
                line_->setPlaceholderText(QString::fromStdString(info.absent));
            layout->addWidget(line_);
            connect(line_, &QLineEdit::editingFinished, this, [this] {
                if (line_->isModified()) commitText();
            });
            break;
    }
    problem_ = new QLabel(this);
    problem_->setStyleSheet(QStringLiteral("color: #c62828; font-size: 8pt;"));
    problem_->setWordWrap(true);
    problem_->hide();
    layout->addWidget(problem_);
}

void ParamEditor::commitText() {
    line_->setModified(false);
    const QString text = line_->text().trimmed();
    const bool optional = info_.type == model::ParamType::optional_number ||
                          info_.type == model::ParamType::optional_integer;
    if (text.isEmpty() && optional) return emit edited(model::ParamValue(std::monostate{}));
    if (info_.type == model::ParamType::node_ref)
        return emit edited(model::ParamValue(text.toStdString()));
    const bool integer =
        info_.type == model::ParamType::integer || info_.type == model::ParamType::optional_integer;
    bool ok = false;
    if (integer) {
        const qlonglong v = text.toLongLong(&ok);
        if (!ok)
            return showProblem(
                tr("must be %1, got \"%2\"")
                    .arg(QString::fromStdString(model::describe_expected(info_)), text));
        emit edited(model::ParamValue(std::int64_t(v)));
    } else {
        const double v = text.toDouble(&ok);
        if (!ok)
            return showProblem(
                tr("must be %1, got \"%2\"")
                    .arg(QString::fromStdString(model::describe_expected(info_)), text));
        emit edited(model::ParamValue(v));
    }
}

void ParamEditor::setValue(const model::ParamValue& value) {
    if (check_) {
        if (const bool* b = std::get_if<bool>(&value)) check_->setChecked(*b);
    } else if (combo_) {
        if (const auto* s = std::get_if<std::string>(&value))
            combo_->setCurrentText(QString::fromStdString(*s));
    } else if (dist_) {
        if (const auto* d = std::get_if<model::Distribution>(&value)) dist_->setDistribution(*d);
    } else if (line_ && !line_->hasFocus()) {
        const auto* text = std::get_if<std::string>(&value);
        if (std::holds_alternative<std::monostate>(value) || (text && text->empty()))
            line_->clear();
        else if (text)
            line_->setText(QString::fromStdString(*text));
        else
            line_->setText(QString::fromStdString(model::format_param_value(value)));
        line_->setModified(false);
    }
}

void ParamEditor::showProblem(const QString& problem) {
    problem_->setText(problem);
    problem_->setVisible(!problem.isEmpty());
    if (line_)
        line_->setStyleSheet(problem.isEmpty() ? QString()
                                               : QStringLiteral("border: 1px solid #c62828;"));
}

QString ParamEditor::problem() const { return problem_->isHidden() ? QString() : problem_->text(); }

}  // namespace flowlab::ui
