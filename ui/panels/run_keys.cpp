#include "panels/run_keys.hpp"

#include <QAction>

#include "document/scenario_document.hpp"
#include "flowlab/kernel/sim_time.hpp"
#include "panels/run_controls.hpp"
#include "session/live_session.hpp"

namespace flowlab::ui {

namespace {

/// The fastest paced speed; the step past it is "as fast as possible" (speed 0).
constexpr double fastestPaced = 1000.0;

QAction* makeAction(const QString& text, const QString& tip, QObject* parent) {
    auto* action = new QAction(text, parent);
    action->setToolTip(tip);
    return action;
}

}  // namespace

RunKeys::RunKeys(LiveSession* session, RunControls* controls, ScenarioDocument* document,
                 QObject* parent)
    : QObject(parent), session_(session), controls_(controls), document_(document) {
    back_ = makeAction(tr("Back %1 s").arg(backSeconds),
                       tr("Run the same scenario again, with the same inputs, to %1 virtual "
                          "seconds ago")
                           .arg(backSeconds),
                       this);
    connect(back_, &QAction::triggered, this,
            [this] { session_->runner().seek_back(backSeconds); });
    faster_ = makeAction(tr("Faster"), tr("Twice the speed"), this);
    connect(faster_, &QAction::triggered, this, [this] {
        const double speed = controls_->speed();
        if (speed > 0) controls_->setSpeed(speed * 2 > fastestPaced ? 0.0 : speed * 2);
    });
    slower_ = makeAction(tr("Slower"), tr("Half the speed"), this);
    connect(slower_, &QAction::triggered, this, [this] {
        const double speed = controls_->speed();
        controls_->setSpeed(speed <= 0 ? fastestPaced : speed / 2);
    });
    step_ = makeAction(tr("Step to the next hop"),
                       tr("Run until the next message or request moves"), this);
    connect(step_, &QAction::triggered, this, [this] { session_->runner().step_hop(); });
    next_ = makeAction(tr("Next lesson step"), tr("The lesson's next step"), this);
    connect(next_, &QAction::triggered, this, &RunKeys::nextLessonStepRequested);
    fault_ = makeAction(tr("Inject / clear the lesson's fault"),
                        tr("Start the faults the scenario schedules now, or heal them"), this);
    connect(fault_, &QAction::triggered, this, &RunKeys::toggleLessonFault);
    setPresenterKeys(false);
}

QList<QAction*> RunKeys::all() const { return {step_, back_, faster_, slower_, next_, fault_}; }

void RunKeys::setPresenterKeys(bool on) {
    auto keys = [on](QKeySequence letter, QList<QKeySequence> presenter) {
        QList<QKeySequence> list{letter};
        if (on) list += presenter;
        return list;
    };
    step_->setShortcuts(keys(Qt::Key_S, {Qt::Key_Right}));
    back_->setShortcuts(keys(Qt::Key_B, {Qt::Key_Left, Qt::Key_PageUp}));
    // "+" is shifted on most keyboards: "=" on the same key counts too.
    QList<QKeySequence> faster = keys(Qt::Key_Plus, {Qt::Key_Up});
    faster.insert(1, QKeySequence(Qt::Key_Equal));
    faster_->setShortcuts(faster);
    slower_->setShortcuts(keys(Qt::Key_Minus, {Qt::Key_Down}));
    next_->setShortcuts(keys(Qt::Key_N, {Qt::Key_PageDown}));
    fault_->setShortcuts({Qt::Key_F});
}

void RunKeys::toggleLessonFault() {
    const model::Scenario& scenario = document_->scenario();
    const auto frame = session_->frame();
    if (scenario.faults.empty()) {
        emit message(tr("This scenario schedules no fault."));
        return;
    }
    // Any of them in force: heal them all; none: start them all now, for as long as the
    // scenario gives each.
    bool inForce = false;
    for (const model::Fault& f : scenario.faults) {
        const int node = document_->nodeIndex(QString::fromStdString(f.target));
        if (frame && node >= 0 && node < int(frame->nodes.size()))
            inForce |= frame->nodes[size_t(node)].has_fault(f.kind);
    }
    for (model::Fault f : scenario.faults) {
        f.at_s = frame ? kernel::to_s(frame->now) : 0.0;
        emit faultRequested(f, !inForce);
    }
}

}  // namespace flowlab::ui
