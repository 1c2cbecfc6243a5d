#include "panels/challenge_panel.hpp"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

#include "document/scenario_document.hpp"
#include "panels/challenge_text.hpp"
#include "panels/metric_format.hpp"

namespace flowlab::ui {

namespace {

const QColor metBackground(0xe8, 0xf5, 0xe9), metStripe(0x2e, 0x7d, 0x32);
const QColor missedBackground(0xff, 0xeb, 0xee), missedStripe(0xc6, 0x28, 0x28);
const QColor waitingBackground(0xf5, 0xf5, 0xf5), waitingStripe(0x9e, 0x9e, 0x9e);

QLabel* sectionTitle(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setStyleSheet(QStringLiteral("font-size: 13px; font-weight: bold; color: #37474f;"));
    return label;
}

}  // namespace

/// One goal: its name and verdict on top, the run so far's figure large below with the
/// bound beside it, on green (met) or red (not met).
class GoalRow : public QFrame {
public:
    explicit GoalRow(const model::Goal& goal, QWidget* parent) : QFrame(parent) {
        setObjectName(QStringLiteral("goalRow"));
        setToolTip(ChallengePanel::tr("<tt>%1</tt> in the report of the run so far")
                       .arg(QString::fromStdString(goal.metric).toHtmlEscaped()));
        auto* layout = new QVBoxLayout(this);
        layout->setContentsMargins(10, 4, 8, 4);
        layout->setSpacing(0);
        auto* top = new QHBoxLayout;
        auto* name = new QLabel(goalName(goal.metric), this);
        name->setStyleSheet(QStringLiteral("font-size: 14px; color: #37474f;"));
        // Long names ("payment-events partition 0 lag end") wrap rather than push the
        // verdict and the bound out of the column.
        name->setWordWrap(true);
        name->setMinimumWidth(80);
        name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        chip_ = new QLabel(this);
        top->addWidget(name, 1);
        top->addWidget(chip_);
        layout->addLayout(top);
        auto* bottom = new QHBoxLayout;
        value_ = new QLabel(this);
        value_->setStyleSheet(
            QStringLiteral("font-size: 22px; font-weight: bold; color: #212121;"));
        auto* bound = new QLabel(ChallengePanel::tr("goal %1").arg(goalBound(goal)), this);
        bound->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        bound->setWordWrap(true);
        bound->setStyleSheet(QStringLiteral("font-size: 14px; color: #455a64;"));
        bottom->addWidget(value_);
        bottom->addSpacing(8);
        bottom->addWidget(bound, 1);
        layout->addLayout(bottom);
        display(goal.metric, {});
    }

    void display(const std::string& metric, const ChallengePanel::GoalState& state) {
        background_ = !state.met   ? waitingBackground
                      : *state.met ? metBackground
                                   : missedBackground;
        const QColor stripe = !state.met ? waitingStripe : *state.met ? metStripe : missedStripe;
        const QString chip = !state.met   ? ChallengePanel::tr("not run yet")
                             : *state.met ? ChallengePanel::tr("✓ met")
                                          : ChallengePanel::tr("✗ not met");
        const QString value = state.value ? formatMetric(metric, *state.value)
                              : state.met ? ChallengePanel::tr("not in the report")
                                          : QStringLiteral("—");
        if (chip_->text() != chip) chip_->setText(chip);
        if (value_->text() != value) value_->setText(value);
        const QString sheet = QStringLiteral(
                                  "QFrame#goalRow { background: %1; border-left: 6px solid %2; "
                                  "border-radius: 3px; }")
                                  .arg(background_.name(), stripe.name());
        if (sheet != styleSheet()) setStyleSheet(sheet);
        chip_->setStyleSheet(
            QStringLiteral("font-size: 13px; font-weight: bold; color: %1;").arg(stripe.name()));
    }

    QColor background() const { return background_; }

private:
    QLabel* chip_;
    QLabel* value_;
    QColor background_;
};

ChallengePanel::ChallengePanel(ScenarioDocument* document, QWidget* parent)
    : QScrollArea(parent), document_(document) {
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMinimumWidth(280);
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(5);
    brief_ = new QLabel(content);
    brief_->setWordWrap(true);
    brief_->setStyleSheet(QStringLiteral("font-size: 14px;"));
    layout->addWidget(brief_);
    layout->addWidget(sectionTitle(tr("Goals, on the run so far"), content));
    goalLayout_ = new QVBoxLayout;
    goalLayout_->setSpacing(4);
    layout->addLayout(goalLayout_);
    budget_ = new QLabel(content);
    budget_->setWordWrap(true);
    layout->addWidget(budget_);

    checkButton_ = new QPushButton(tr("Check my design"), content);
    checkButton_->setToolTip(
        tr("Runs the design 5 times with different seeds, away from the live run, and "
           "grades it against the challenge as it was opened (flowlab-cli check --against)."));
    checkButton_->setStyleSheet(
        QStringLiteral("font-size: 14px; font-weight: bold; padding: 4px;"));
    connect(checkButton_, &QPushButton::clicked, this, &ChallengePanel::checkDesign);
    layout->addWidget(checkButton_);
    checkStatus_ = new QLabel(content);
    checkStatus_->setWordWrap(true);
    checkStatus_->hide();
    layout->addWidget(checkStatus_);
    verdictLabel_ = new QLabel(content);
    verdictLabel_->setWordWrap(true);
    verdictLabel_->setTextFormat(Qt::RichText);
    verdictLabel_->setStyleSheet(QStringLiteral("font-size: 13px;"));
    verdictLabel_->hide();
    layout->addWidget(verdictLabel_);

    hintButton_ = new QPushButton(content);
    connect(hintButton_, &QPushButton::clicked, this, &ChallengePanel::showHint);
    layout->addWidget(hintButton_);
    hintLayout_ = new QVBoxLayout;
    layout->addLayout(hintLayout_);
    layout->addStretch(1);
    setWidget(content);

    connect(document_, &ScenarioDocument::changed, this, [this] {
        updateBudget();
        if (verdict_ && !checking_) {
            checkStatus_->setText(tr("The design changed since this verdict: check it again."));
            checkStatus_->show();
        }
    });
    setChallenge(document_->scenario());
}

ChallengePanel::~ChallengePanel() {
    // The worker posts its outcome to this object: it must be done before this goes.
    if (worker_.joinable()) worker_.join();
}

void ChallengePanel::setChallenge(const model::Scenario& opened) {
    opened_ = opened;
    ++generation_;
    verdict_.reset();
    verdictLabel_->hide();
    checkStatus_->hide();
    shownHints_ = 0;
    brief_->setText(opened_.challenge ? QString::fromStdString(opened_.challenge->brief)
                                      : QString());
    rebuildGoals();
    updateBudget();
    updateHints();
    checkButton_->setEnabled(hasChallenge() && !checking_);
}

void ChallengePanel::rebuildGoals() {
    for (auto* row : goalRows_) delete row;
    goalRows_.clear();
    goals_.clear();
    if (!opened_.challenge) return;
    for (const auto& goal : opened_.challenge->goals) {
        goalRows_.push_back(new GoalRow(goal, widget()));
        goalLayout_->addWidget(goalRows_.back());
        goals_.emplace_back();
    }
}

void ChallengePanel::showFrame(const run::Frame& frame) {
    if (!opened_.challenge || !frame.report) return;
    const auto verdicts = run::judge_goals(opened_.challenge->goals, {*frame.report});
    for (size_t i = 0; i < verdicts.size() && i < goals_.size(); ++i) {
        goals_[i] = {verdicts[i].mean, verdicts[i].passed};
        goalRows_[i]->display(verdicts[i].goal.metric, goals_[i]);
    }
}

QColor ChallengePanel::goalColor(int index) const { return goalRows_[size_t(index)]->background(); }

QString ChallengePanel::budgetText() const { return budget_->text(); }

void ChallengePanel::updateBudget() {
    if (!opened_.challenge) return budget_->clear();
    const run::BudgetUse used = run::budget_use(document_->scenario());
    const model::Budget& allowed = opened_.challenge->budget;
    const bool over = overBudget(used, allowed);
    budget_->setText(tr("Budget: %1%2")
                         .arg(ui::budgetText(used, allowed),
                              over ? tr(" (over budget: not a fair answer)") : QString()));
    budget_->setStyleSheet(
        over ? QStringLiteral("font-size: 13px; color: #c62828; font-weight: bold;")
             : QStringLiteral("font-size: 13px; color: #37474f;"));
}

void ChallengePanel::showHint() {
    if (!opened_.challenge || shownHints_ >= int(opened_.challenge->hints.size())) return;
    ++shownHints_;
    updateHints();
}

void ChallengePanel::updateHints() {
    for (auto* label : hintLabels_) delete label;
    hintLabels_.clear();
    const int total = opened_.challenge ? int(opened_.challenge->hints.size()) : 0;
    for (int i = 0; i < shownHints_; ++i) {
        auto* label = new QLabel(
            tr("<b>Hint %1.</b> %2")
                .arg(i + 1)
                .arg(QString::fromStdString(opened_.challenge->hints[size_t(i)]).toHtmlEscaped()),
            widget());
        label->setWordWrap(true);
        label->setStyleSheet(QStringLiteral("font-size: 13px; background: #fff8e1; padding: 3px;"));
        hintLayout_->addWidget(label);
        hintLabels_.push_back(label);
    }
    hintButton_->setVisible(total > 0);
    hintButton_->setEnabled(shownHints_ < total);
    hintButton_->setText(shownHints_ < total
                             ? tr("Show a hint (%1 of %2)").arg(shownHints_ + 1).arg(total)
                             : tr("No more hints"));
}

void ChallengePanel::checkDesign() {
    if (!hasChallenge() || checking_) return;
    if (worker_.joinable()) worker_.join();  // the last check has posted its outcome
    checking_ = true;
    checkButton_->setEnabled(false);
    checkStatus_->setText(tr("Running the design %1 times…").arg(options_.replications));
    checkStatus_->setStyleSheet(QStringLiteral("font-size: 13px; color: #37474f;"));
    checkStatus_->show();
    verdictLabel_->hide();
    worker_ = std::thread([this, design = document_->scenario(), challenge = opened_,
                           options = options_, generation = generation_] {
        Outcome outcome;
        try {
            outcome.result = run::check_design(design, challenge, options);
        } catch (const std::exception& e) {
            outcome.error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            this, [this, outcome, generation] { finishCheck(outcome, generation); },
            Qt::QueuedConnection);
    });
}

void ChallengePanel::finishCheck(const Outcome& outcome, int generation) {
    checking_ = false;
    checkButton_->setEnabled(hasChallenge());
    if (generation != generation_) return;  // graded a challenge no longer open
    if (!outcome.result) {
        checkStatus_->setText(tr("The check could not run: %1").arg(outcome.error));
        checkStatus_->setStyleSheet(QStringLiteral("color: #c62828;"));
        emit checkFinished(false);
        return;
    }
    checkStatus_->hide();
    checkStatus_->setStyleSheet(QString());
    verdict_ = outcome.result;
    verdictLabel_->setText(verdictHtml(*verdict_));
    verdictLabel_->show();
    // The verdict is what was asked for: scroll it into view under its button (the brief
    // and goals above it are a scroll away on a 720-line projector).
    // Once the content has its new height (the scroll area resizes it on the next pass).
    QTimer::singleShot(0, this, [this] { verticalScrollBar()->setValue(checkButton_->y() - 4); });
    emit checkFinished(verdict_->passed());
}

QString ChallengePanel::verdictText() const {
    return verdictLabel_->isVisible() || verdict_ ? verdictLabel_->text() : QString();
}

}  // namespace flowlab::ui
