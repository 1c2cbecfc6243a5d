#include "panels/lesson_steps_panel.hpp"

#include <QButtonGroup>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>
#include <algorithm>

#include "panels/metric_format.hpp"
#include "session/live_session.hpp"

namespace flowlab::ui {

namespace {

const char* progressGroup = "lessonProgress";

QString esc(const std::string& text) { return QString::fromStdString(text).toHtmlEscaped(); }

/// "20 s", "12.5 s": a time a lesson names, as it names it.
QString seconds(double s) { return QStringLiteral("%1 s").arg(s, 0, 'g', 6); }

/// A tolerance in the unit the screen shows the metric in: "± 0.095 %", "± 16".
QString tolerance(const std::string& metric, double tol) {
    const MetricUnit unit = metricUnit(metric);
    const QString suffix = unitSuffix(unit);
    return QStringLiteral("± %1%2")
        .arg(displayValue(unit, tol), 0, 'g', 3)
        .arg(suffix.isEmpty() ? QString() : QStringLiteral(" ") + suffix);
}

QLabel* wrappedLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    return label;
}

/// An option of a choice: a radio button and its text, wrapped (a radio button's own text
/// does not wrap, and would widen the whole left column). Clicking the text picks it.
class OptionRow : public QWidget {
public:
    OptionRow(const QString& text, QWidget* parent) : QWidget(parent) {
        auto* layout = new QHBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        radio = new QRadioButton(this);
        auto* label = new QLabel(text, this);
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::NoTextInteraction);
        layout->addWidget(radio, 0, Qt::AlignTop);
        layout->addWidget(label, 1);
    }
    QRadioButton* radio;

protected:
    void mousePressEvent(QMouseEvent*) override {
        if (radio->isEnabled()) radio->setChecked(true);
    }
};

bool isPrediction(const model::LessonStep& step) {
    return step.ask && step.ask->kind == model::StepQuestion::Kind::predict;
}

}  // namespace

LessonStepsPanel::LessonStepsPanel(LiveSession* session, QWidget* parent)
    : QFrame(parent), session_(session) {
    setObjectName(QStringLiteral("lessonSteps"));
    setFrameShape(QFrame::StyledPanel);
    // A pale card, so that the step reads as the thing to do now, apart from the reference
    // text below it.
    setStyleSheet(
        QStringLiteral("#lessonSteps { background: #fff8e1; border: 1px solid #e0c080; "
                       "border-radius: 4px; }"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->setSpacing(4);
    counter_ = new QLabel(this);
    counter_->setStyleSheet(QStringLiteral("color: #7a5a00;"));
    title_ = wrappedLabel(this);
    QFont big = title_->font();
    big.setBold(true);
    if (big.pointSizeF() > 0) big.setPointSizeF(big.pointSizeF() * 1.15);
    title_->setFont(big);
    text_ = wrappedLabel(this);
    status_ = wrappedLabel(this);
    status_->setStyleSheet(QStringLiteral("color: #5d4037;"));
    question_ = wrappedLabel(this);
    question_->setStyleSheet(QStringLiteral("font-weight: bold;"));
    optionsLayout_ = new QVBoxLayout;
    optionsLayout_->setSpacing(0);
    options_ = new QButtonGroup(this);
    predictionRow_ = new QWidget(this);
    auto* predictionLayout = new QHBoxLayout(predictionRow_);
    predictionLayout->setContentsMargins(0, 0, 0, 0);
    prediction_ = new QLineEdit(predictionRow_);
    prediction_->setPlaceholderText(tr("your answer"));
    unit_ = new QLabel(predictionRow_);
    predictionLayout->addWidget(prediction_, 1);
    predictionLayout->addWidget(unit_);
    answer_ = new QPushButton(this);
    feedback_ = wrappedLabel(this);
    auto* buttons = new QHBoxLayout;
    previous_ = new QPushButton(tr("◀ Previous"), this);
    next_ = new QPushButton(tr("Next ▶"), this);
    buttons->addWidget(previous_);
    buttons->addWidget(next_);
    run_ = new QPushButton(tr("Run to next checkpoint"), this);
    run_->setToolTip(tr("Run as fast as possible to the moment this step is about"));

    layout->addWidget(counter_);
    layout->addWidget(title_);
    layout->addWidget(text_);
    layout->addWidget(status_);
    layout->addWidget(question_);
    layout->addLayout(optionsLayout_);
    layout->addWidget(predictionRow_);
    layout->addWidget(answer_);
    layout->addWidget(feedback_);
    layout->addLayout(buttons);
    layout->addWidget(run_);

    connect(previous_, &QPushButton::clicked, this, &LessonStepsPanel::previousStep);
    connect(next_, &QPushButton::clicked, this, &LessonStepsPanel::nextStep);
    connect(run_, &QPushButton::clicked, this, &LessonStepsPanel::runToNextCheckpoint);
    connect(answer_, &QPushButton::clicked, this, &LessonStepsPanel::answer);
    connect(prediction_, &QLineEdit::returnPressed, this, &LessonStepsPanel::answer);
    connect(session_, &LiveSession::frameUpdated, this, &LessonStepsPanel::onFrame);
    hide();
}

void LessonStepsPanel::setLesson(const model::Scenario& scenario, const QString& filePath) {
    if (armedId_ >= 0) session_->runner().disarm_checkpoint();
    armedId_ = -1;
    armedFor_ = Wait::none;
    steps_ = scenario.lesson ? scenario.lesson->steps : std::vector<model::LessonStep>{};
    states_.assign(steps_.size(), StepState{});
    progressKey_ = filePath.isEmpty() ? QString() : QFileInfo(filePath).fileName();
    current_ = 0;
    runOver_ = false;
    setVisible(!steps_.empty());
    if (steps_.empty()) {
        emit highlightRequested({});
        return;
    }
    const int restored = restoredStep();
    if (restored > 0)
        goToStep(restored);
    else
        enterStep(0);
}

bool LessonStepsPanel::goToStep(int index) {
    if (index < 0 || index >= stepCount()) return false;
    for (int i = 0; i < index; ++i) states_[size_t(i)].done = true;
    enterStep(index);
    return true;
}

bool LessonStepsPanel::nextStep() {
    if (current_ + 1 >= stepCount() || !stepDone()) return false;
    enterStep(current_ + 1);
    return true;
}

void LessonStepsPanel::previousStep() {
    if (current_ > 0) enterStep(current_ - 1);
}

void LessonStepsPanel::runToNextCheckpoint() {
    if (steps_.empty()) return;
    const Wait wait = waitFor();
    const auto& state = states_[size_t(current_)];
    const bool ready =
        wait == Wait::checkpoint || (wait == Wait::prediction && state.prediction.has_value());
    if (!ready) {
        // Done here: on to the next step, and straight to its checkpoint if it has one.
        if (!nextStep() || waitFor() != Wait::checkpoint) return;
    }
    armPending();
    session_->runner().run_to_checkpoint();
}

void LessonStepsPanel::answer() {
    if (steps_.empty() || !steps_[size_t(current_)].ask) return;
    const model::StepQuestion& ask = *steps_[size_t(current_)].ask;
    StepState& state = states_[size_t(current_)];
    if (ask.kind == model::StepQuestion::Kind::choice) {
        if (options_->checkedId() < 0) {
            feedback_->setText(tr("Pick one of the answers first."));
            return;
        }
        state.chosen = options_->checkedId();
        render();
        return;
    }
    // A number in the unit the screen shows the metric in (a percentage for availability).
    QString typed = prediction_->text().trimmed();
    const MetricUnit unit = metricUnit(ask.metric);
    const QString suffix = unitSuffix(unit);
    if (!suffix.isEmpty() && typed.endsWith(suffix)) typed.chop(suffix.size());
    bool ok = false;
    double value = QLocale::c().toDouble(typed.trimmed().remove(QLatin1Char(',')), &ok);
    if (!ok) value = QLocale().toDouble(typed.trimmed(), &ok);
    if (!ok) {
        feedback_->setText(tr("Type a number first."));
        return;
    }
    state.prediction = unit == MetricUnit::percent ? value / 100.0 : value;
    if (state.predictionReached)
        judge();
    else if (!state.predictionMissed && !runOver_)
        session_->runner().play();  // the run goes on to at_s, where the answer is judged
    render();
}

QRadioButton* LessonStepsPanel::optionButton(int index) const {
    return qobject_cast<QRadioButton*>(options_->button(index));
}

QString LessonStepsPanel::titleText() const { return title_->text(); }
QString LessonStepsPanel::statusText() const { return status_->text(); }
QString LessonStepsPanel::feedbackText() const { return feedback_->text(); }

bool LessonStepsPanel::stepDone() const {
    if (steps_.empty()) return true;
    const model::LessonStep& step = steps_[size_t(current_)];
    const StepState& state = states_[size_t(current_)];
    if (state.done) return true;
    if (step.has_checkpoint() && !state.reached && !runOver_) return false;
    if (!step.ask) return true;
    if (step.ask->kind == model::StepQuestion::Kind::choice) return state.chosen >= 0;
    // A prediction the run can no longer measure does not hold the student up.
    return state.verdict || state.predictionMissed || runOver_;
}

void LessonStepsPanel::enterStep(int index) {
    current_ = index;
    if (armedId_ >= 0) session_->runner().disarm_checkpoint();
    armedId_ = -1;
    armedFor_ = Wait::none;
    // The options belong to the step: rebuilt for each one.
    for (QAbstractButton* button : options_->buttons()) options_->removeButton(button);
    while (QLayoutItem* item = optionsLayout_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const model::LessonStep& step = steps_[size_t(index)];
    if (step.ask && step.ask->kind == model::StepQuestion::Kind::choice)
        for (size_t i = 0; i < step.ask->options.size(); ++i) {
            auto* option = new OptionRow(QString::fromStdString(step.ask->options[i]), this);
            options_->addButton(option->radio, int(i));
            optionsLayout_->addWidget(option);
        }
    prediction_->clear();
    const StepState& state = states_[size_t(index)];
    if (isPrediction(step) && state.prediction) {
        const MetricUnit unit = metricUnit(step.ask->metric);
        prediction_->setText(QString::number(displayValue(unit, *state.prediction), 'g', 6));
    }
    runActions(step, states_[size_t(index)]);
    armPending();
    render();
    saveProgress();
    emit stepChanged(index);
}

void LessonStepsPanel::runActions(const model::LessonStep& step, StepState& state) {
    QStringList highlight;
    for (const auto& action : step.actions) {
        switch (action.kind) {
            case model::StepAction::Kind::highlight:
                for (const auto& id : action.nodes) highlight << QString::fromStdString(id);
                break;
            case model::StepAction::Kind::speed: emit speedRequested(action.speed); break;
            case model::StepAction::Kind::chart:
                emit chartRequested(QString::fromStdString(action.node));
                break;
            case model::StepAction::Kind::inject:
            case model::StepAction::Kind::clear:
                // Once: going back and forth between steps must not inject a fault again.
                if (!state.faultsInjected)
                    emit faultRequested(action.fault,
                                        action.kind == model::StepAction::Kind::inject);
                break;
        }
    }
    state.faultsInjected = true;
    emit highlightRequested(highlight);  // an empty list clears the last step's rings
}

LessonStepsPanel::Wait LessonStepsPanel::waitFor() const {
    if (steps_.empty() || runOver_) return Wait::none;
    const model::LessonStep& step = steps_[size_t(current_)];
    const StepState& state = states_[size_t(current_)];
    if (state.done) return Wait::none;
    if (step.has_checkpoint() && !state.reached) return Wait::checkpoint;
    if (isPrediction(step) && !state.predictionReached && !state.predictionMissed)
        return Wait::prediction;
    return Wait::none;
}

void LessonStepsPanel::armPending() {
    const Wait wait = waitFor();
    if (wait == armedFor_ && armedId_ >= 0) return;
    if (wait == Wait::none) {
        if (armedId_ >= 0) session_->runner().disarm_checkpoint();
        armedId_ = -1;
        armedFor_ = Wait::none;
        return;
    }
    const model::LessonStep& step = steps_[size_t(current_)];
    armedId_ = ++nextCheckpointId_;
    armedFor_ = wait;
    session_->runner().arm_checkpoint(armedId_, wait == Wait::checkpoint
                                                    ? run::Checkpoint::of(step)
                                                    : run::Checkpoint::at(step.ask->at_s));
}

void LessonStepsPanel::onFrame(const std::shared_ptr<const run::Frame>& frame) {
    if (!frame || steps_.empty()) return;
    bool changed = false;
    if (frame->run_serial != runSerial_) {
        runSerial_ = frame->run_serial;
        // A checkpoint armed after the run began (a lesson just opened, --step) is this
        // run's; otherwise the run began again and forgot it.
        const bool armedInThisRun = armedId_ >= 0 && (frame->checkpoint_armed == armedId_ ||
                                                      frame->checkpoint_reached == armedId_);
        if (!armedInThisRun) {
            onRunRestarted();
            changed = true;
        }
    }
    if (frame->finished != runOver_) {
        runOver_ = frame->finished;
        armPending();
        changed = true;
    }
    if (armedId_ >= 0 && frame->checkpoint_reached == armedId_) {
        onReached(*frame);
        changed = true;
    }
    if (changed) render();
}

void LessonStepsPanel::onReached(const run::Frame& frame) {
    StepState& state = states_[size_t(current_)];
    const model::LessonStep& step = steps_[size_t(current_)];
    if (armedFor_ == Wait::checkpoint) {
        state.reached = true;
        state.reachedS = frame.checkpoint_reached_s;
    } else if (armedFor_ == Wait::prediction) {
        // Armed after its time had passed, the engine stops at once, later than at_s: what
        // it measures then is not the answer to the question.
        if (kernel::from_s(frame.checkpoint_reached_s) > kernel::from_s(step.ask->at_s)) {
            state.predictionMissed = true;
        } else {
            state.predictionReached = true;
            state.predictionReport = frame.checkpoint_report;
            if (state.prediction) judge();
        }
    }
    armedId_ = -1;
    armedFor_ = Wait::none;
    armPending();
}

void LessonStepsPanel::onRunRestarted() {
    StepState& state = states_[size_t(current_)];
    state.reached = false;
    state.predictionReached = false;
    state.predictionMissed = false;
    state.predictionReport.reset();
    runOver_ = false;
    armedId_ = -1;
    armedFor_ = Wait::none;
    armPending();
}

void LessonStepsPanel::judge() {
    StepState& state = states_[size_t(current_)];
    const model::LessonStep& step = steps_[size_t(current_)];
    if (!state.prediction || !state.predictionReport || !isPrediction(step)) return;
    state.verdict = run::judge_prediction(*step.ask, *state.prediction, *state.predictionReport);
}

void LessonStepsPanel::saveProgress() const {
    if (!remembers_ || progressKey_.isEmpty()) return;
    QSettings settings;
    settings.beginGroup(QLatin1String(progressGroup));
    settings.setValue(progressKey_, current_);
}

int LessonStepsPanel::restoredStep() const {
    if (!remembers_ || progressKey_.isEmpty()) return 0;
    QSettings settings;
    settings.beginGroup(QLatin1String(progressGroup));
    const int step = settings.value(progressKey_, 0).toInt();
    return step >= 0 && step < stepCount() ? step : 0;
}

QString LessonStepsPanel::checkpointText() const {
    const model::LessonStep& step = steps_[size_t(current_)];
    const StepState& state = states_[size_t(current_)];
    if (!step.has_checkpoint() || state.done) return {};
    if (state.reached) return tr("✓ Paused at t = %1.").arg(seconds(state.reachedS));
    if (runOver_) return tr("The run ended before this moment came.");
    QString when;
    if (step.when)
        when = tr("when %1 %2 %3")
                   .arg(metricShortName(step.when->metric).toHtmlEscaped(),
                        QString::fromLatin1(model::to_string(step.when->op)).toHtmlEscaped(),
                        formatMetric(step.when->metric, step.when->value));
    if (step.at_s && step.when)
        return tr("⏸ The run pauses at t = %1, or sooner %2.").arg(seconds(*step.at_s), when);
    if (step.at_s) return tr("⏸ The run pauses at t = %1.").arg(seconds(*step.at_s));
    return tr("⏸ The run pauses %1.").arg(when);
}

QString LessonStepsPanel::predictionFeedback() const {
    const model::StepQuestion& ask = *steps_[size_t(current_)].ask;
    const StepState& state = states_[size_t(current_)];
    const QString at = seconds(ask.at_s);
    const QString why = QStringLiteral("<p>%1</p>").arg(esc(ask.why));
    if (state.verdict) {
        const auto& v = *state.verdict;
        const QString measured = formatMetric(ask.metric, v.measured);
        const QString said = formatMetric(ask.metric, v.answer);
        const QString text =
            v.right ? tr("<b style='color:#2e7d32'>✓ Right.</b> Measured %1 at t = %2; you said "
                         "%3 (within %4).")
                    : tr("<b style='color:#c62828'>✗ Not this time.</b> Measured %1 at t = %2; you "
                         "said %3 (more than %4 away).");
        return text.arg(measured, at, said, tolerance(ask.metric, ask.tolerance)) + why;
    }
    if (state.done) return tr("Measured at t = %1.").arg(at) + why;
    if (state.predictionMissed)
        return tr("The run was past t = %1 when this step began. Reset (⏮) to run again: your "
                  "answer is judged when the run reaches %1.")
            .arg(at);
    if (runOver_)
        return tr("The run ended before t = %1, so this cannot be measured.").arg(at) + why;
    if (state.predictionReached)
        return tr("The run has paused at t = %1. Type your answer and lock it in.").arg(at);
    if (state.prediction)
        return tr("Locked in %1. The run goes on to t = %2 and measures it.")
            .arg(formatMetric(ask.metric, *state.prediction), at);
    return tr("Type your answer and lock it in: the run goes on to t = %1 and measures it.")
        .arg(at);
}

void LessonStepsPanel::renderQuestion() {
    const model::LessonStep& step = steps_[size_t(current_)];
    const StepState& state = states_[size_t(current_)];
    const bool choice = step.ask && step.ask->kind == model::StepQuestion::Kind::choice;
    const bool predict = isPrediction(step);
    question_->setVisible(step.ask.has_value());
    predictionRow_->setVisible(predict);
    if (!step.ask) {
        answer_->hide();
        feedback_->clear();
        feedback_->hide();
        return;
    }
    question_->setText(esc(step.ask->question));
    feedback_->show();
    if (choice) {
        const bool answered = state.chosen >= 0 || state.done;
        for (QAbstractButton* option : options_->buttons()) option->setEnabled(!answered);
        if (state.chosen >= 0) options_->button(state.chosen)->setChecked(true);
        answer_->setText(tr("Answer"));
        answer_->setVisible(!answered);
        const QString right = esc(step.ask->options[size_t(std::max(0, step.ask->answer))]);
        const QString why = QStringLiteral("<p>%1</p>").arg(esc(step.ask->why));
        if (state.chosen == step.ask->answer)
            feedback_->setText(tr("<b style='color:#2e7d32'>✓ Right.</b>") + why);
        else if (state.chosen >= 0)
            feedback_->setText(
                tr("<b style='color:#c62828'>✗ Not quite:</b> the answer is “%1”.").arg(right) +
                why);
        else if (state.done)
            feedback_->setText(tr("The answer is “%1”.").arg(right) + why);
        else
            feedback_->setText(tr("Answer to go on."));
        return;
    }
    const MetricUnit unit = metricUnit(step.ask->metric);
    unit_->setText(unitSuffix(unit));
    const bool locked = state.prediction.has_value() || state.done || state.predictionMissed;
    prediction_->setEnabled(!locked);
    answer_->setText(tr("Lock in"));
    answer_->setVisible(!locked);
    feedback_->setText(predictionFeedback());
}

void LessonStepsPanel::render() {
    if (steps_.empty()) return;
    const model::LessonStep& step = steps_[size_t(current_)];
    counter_->setText(tr("Step %1 of %2").arg(current_ + 1).arg(stepCount()));
    title_->setText(esc(step.title));
    text_->setText(esc(step.text));
    text_->setVisible(!step.text.empty());
    const QString status = checkpointText();
    status_->setText(status);
    status_->setVisible(!status.isEmpty());
    renderQuestion();
    previous_->setEnabled(current_ > 0);
    next_->setEnabled(current_ + 1 < stepCount() && stepDone());
    const Wait wait = waitFor();
    const bool canRun = wait == Wait::checkpoint ||
                        (wait == Wait::prediction && states_[size_t(current_)].prediction) ||
                        (stepDone() && current_ + 1 < stepCount());
    run_->setEnabled(canRun);
}

}  // namespace flowlab::ui
