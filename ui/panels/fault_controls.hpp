#pragma once
/// The app's one way to act on faults and on the run past its end: inject or heal a
/// fault now, open the fault dialog, redrive a DLQ, continue a run, edit the scenario's
/// scheduled faults. The canvas menu, the inspector, the faults panel, the run controls
/// and the lesson steps all call these, so each action behaves the same wherever it
/// starts.

#include <QObject>
#include <optional>

#include "flowlab/model/scenario.hpp"

class QWidget;

namespace flowlab::ui {

class LiveSession;
class ScenarioDocument;

class FaultControls : public QObject {
    Q_OBJECT
public:
    FaultControls(ScenarioDocument* document, LiveSession* session, QWidget* dialogParent);

    /// Starts (on) or heals (off) `fault` on the running engine now; one with `for_s`
    /// heals itself that long after now. After the end of the run the fault is in force
    /// but only acts once the run continues: the status message says so.
    void setFault(const model::Fault& fault, bool on);
    /// Opens the fault dialog on node `nodeId` (with `kind` chosen when given) and injects
    /// what it returns.
    void openDialog(const QString& nodeId, std::optional<model::FaultKind> kind = std::nullopt);
    /// Moves DLQ `dlqId`'s dead letters back to their queue or topic (the run continues
    /// to process them, also after its end).
    void redrive(const QString& dlqId);
    /// Lets the clients send for `seconds` more from now and plays: a run that ended goes
    /// on (and faults injected after the end act).
    void continueRun(double seconds);
    /// Asks how much longer (the scenario's duration by default), then continueRun.
    void askContinue();
    /// Opens the dialog for scheduled fault `index`, or for a new one on `nodeId` (index
    /// -1), and stores the result in the document (undoable).
    void editScheduled(int index, const QString& nodeId = {});

signals:
    void statusMessage(const QString& text);

private:
    ScenarioDocument* document_;
    LiveSession* session_;
    QWidget* dialogParent_;
};

}  // namespace flowlab::ui
