#include "panels/which_one_dialog.hpp"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "panels/which_one.hpp"

namespace flowlab::ui {

namespace {

/// "21 · Hybrid checkout": the file's number and the scenario's name.
QString lessonTitle(const QString& path) {
    QFile file(path);
    QString name;
    if (file.open(QIODevice::ReadOnly))
        name = QJsonDocument::fromJson(file.readAll())
                   .object()
                   .value(QStringLiteral("name"))
                   .toString();
    const QString number = QFileInfo(path).fileName().section(QLatin1Char('-'), 0, 0);
    return name.isEmpty() ? QFileInfo(path).fileName() : number + QStringLiteral(" · ") + name;
}

}  // namespace

WhichOneDialog::WhichOneDialog(const QString& lessonsFolder, QWidget* parent)
    : QDialog(parent), folder_(lessonsFolder) {
    setWindowTitle(tr("Which one? Sync, async or hybrid"));
    auto* layout = new QVBoxLayout(this);
    trail_ = new QLabel(this);
    trail_->setWordWrap(true);
    trail_->setObjectName(QStringLiteral("whichOneTrail"));
    text_ = new QLabel(this);
    text_->setWordWrap(true);
    QFont big = text_->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    text_->setFont(big);
    reason_ = new QLabel(this);
    reason_->setWordWrap(true);
    layout->addWidget(trail_);
    layout->addWidget(text_);
    layout->addWidget(reason_);
    auto* buttons = new QHBoxLayout;
    yes_ = new QPushButton(tr("&Yes"), this);
    no_ = new QPushButton(tr("&No"), this);
    buttons->addWidget(yes_);
    buttons->addWidget(no_);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    lessons_ = new QVBoxLayout;
    layout->addLayout(lessons_);
    layout->addStretch(1);
    auto* bottom = new QDialogButtonBox(this);
    back_ = bottom->addButton(tr("◀ &Back"), QDialogButtonBox::ResetRole);
    QPushButton* over = bottom->addButton(tr("Start &over"), QDialogButtonBox::ResetRole);
    bottom->addButton(QDialogButtonBox::Close);
    layout->addWidget(bottom);
    connect(yes_, &QPushButton::clicked, this, [this] { answer(true); });
    connect(no_, &QPushButton::clicked, this, [this] { answer(false); });
    connect(back_, &QPushButton::clicked, this, &WhichOneDialog::back);
    connect(over, &QPushButton::clicked, this, &WhichOneDialog::startOver);
    connect(bottom, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, 420);
    startOver();
}

void WhichOneDialog::startOver() {
    path_.clear();
    answers_.clear();
    show(whichOneTree().front().id);
}

void WhichOneDialog::answer(bool yes) {
    const WhichOneStep* step = whichOneStep(currentStep());
    if (!step || !step->isQuestion()) return;
    answers_.append(yes);
    show(yes ? step->yes : step->no);
}

void WhichOneDialog::back() {
    if (path_.size() < 2) return;
    path_.removeLast();
    answers_.removeLast();
    const QString previous = path_.takeLast();
    show(previous);
}

void WhichOneDialog::show(const QString& id) {
    path_.append(id);
    const WhichOneStep* step = whichOneStep(id);
    if (!step) return;
    // What was answered so far, so that the answer reads with its reasons.
    QStringList trail;
    for (int i = 0; i + 1 < path_.size(); ++i)
        if (const WhichOneStep* asked = whichOneStep(path_[i]))
            trail << QStringLiteral("%1 <b>%2</b>")
                         .arg(asked->text.toHtmlEscaped(), answers_[i] ? tr("Yes") : tr("No"));
    trail_->setText(trail.join(QStringLiteral("<br>")));
    trail_->setVisible(!trail.isEmpty());
    text_->setText(step->text);
    reason_->setText(step->reason);
    reason_->setVisible(!step->isQuestion());
    yes_->setVisible(step->isQuestion());
    no_->setVisible(step->isQuestion());
    back_->setEnabled(path_.size() > 1);
    qDeleteAll(lessonButtons_);
    lessonButtons_.clear();
    offered_.clear();
    if (step->isQuestion()) return;
    for (const QString& number : step->lessons) {
        const QString path = lessonFileNumbered(folder_, number);
        if (path.isEmpty()) continue;  // not installed (yet): not offered
        offered_ << path;
        auto* button = new QPushButton(tr("Open lesson %1").arg(lessonTitle(path)), this);
        connect(button, &QPushButton::clicked, this, [this, path] {
            emit lessonChosen(path);
            accept();
        });
        lessons_->addWidget(button);
        lessonButtons_ << button;
    }
}

}  // namespace flowlab::ui
