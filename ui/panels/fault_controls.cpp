#include "panels/fault_controls.hpp"

#include <QInputDialog>
#include <QMessageBox>
#include <QWidget>

#include "document/scenario_document.hpp"
#include "panels/fault_dialog.hpp"
#include "session/live_session.hpp"

namespace flowlab::ui {

FaultControls::FaultControls(ScenarioDocument* document, LiveSession* session,
                             QWidget* dialogParent)
    : QObject(dialogParent), document_(document), session_(session), dialogParent_(dialogParent) {}

void FaultControls::setFault(const model::Fault& fault, bool on) {
    session_->runner().set_fault(fault, on);
    const auto frame = session_->frame();
    if (on && frame && frame->finished)
        emit statusMessage(tr("The run has ended: %1 takes effect when you continue it "
                              "(Run > Continue, or Play).")
                               .arg(faultTitle(document_->scenario(), fault)));
}

void FaultControls::openDialog(const QString& nodeId, std::optional<model::FaultKind> kind) {
    FaultDialog dialog(document_->scenario(), FaultDialog::Mode::injectNow, dialogParent_);
    model::Fault start;
    start.target = nodeId.toStdString();
    if (kind) start.kind = *kind;
    start.for_s = 10.0;  // long enough to watch, short enough to see the recovery
    dialog.setFault(start);
    if (dialog.exec() != QDialog::Accepted) return;
    setFault(dialog.fault(), true);
}

void FaultControls::redrive(const QString& dlqId) {
    session_->runner().redrive(dlqId.toStdString());
}

void FaultControls::continueRun(double seconds) {
    session_->runner().extend(seconds);
    session_->runner().play();
}

void FaultControls::askContinue() {
    const auto& run = document_->scenario().run;
    const double suggested = run.duration_s ? *run.duration_s : 30.0;
    bool ok = false;
    const double seconds =
        QInputDialog::getDouble(dialogParent_, tr("Continue the run"),
                                tr("The clients keep sending for this many more virtual seconds:"),
                                suggested, 1, 1e6, 1, &ok);
    if (ok) continueRun(seconds);
}

void FaultControls::editScheduled(int index, const QString& nodeId) {
    const auto& faults = document_->scenario().faults;
    FaultDialog dialog(document_->scenario(), FaultDialog::Mode::schedule, dialogParent_);
    if (index >= 0 && index < int(faults.size())) {
        dialog.setFault(faults[size_t(index)]);
    } else {
        index = -1;
        model::Fault start = dialog.fault();  // the first node that takes a fault
        if (!nodeId.isEmpty()) start.target = nodeId.toStdString();
        start.at_s = 10;
        start.for_s = 10;
        dialog.setFault(start);
    }
    if (dialog.exec() != QDialog::Accepted) return;
    QString why;
    if (!document_->setFault(index, dialog.fault(), &why))
        QMessageBox::warning(dialogParent_, tr("Fault not saved"), why);
}

}  // namespace flowlab::ui
