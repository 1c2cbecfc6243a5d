// The window's fault tools, kept apart from the rest of MainWindow: the fault dialog
// (canvas menu, inspector), the Faults tab under the canvas, the Message tab beside the
// inspector, redrive and Continue.

#include <QDockWidget>
#include <QStatusBar>
#include <QTabWidget>

#include "canvas/canvas_scene.hpp"
#include "main_window.hpp"
#include "panels/fault_controls.hpp"
#include "panels/faults_panel.hpp"
#include "panels/inspector_panel.hpp"
#include "panels/message_inspector.hpp"
#include "panels/run_controls.hpp"
#include "session/live_session.hpp"

namespace flowlab::ui {

void MainWindow::createFaultTools() {
    faultControls_ = new FaultControls(document_, session_, this);
    connect(faultControls_, &FaultControls::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });

    faultsPanel_ = new FaultsPanel(document_, faultControls_, this);
    bottomTabs_->addTab(faultsPanel_, tr("Faults"));

    messageInspector_ = new MessageInspector(document_, this);
    messageDock_ = new QDockWidget(tr("Message"), this);
    messageDock_->setObjectName(QStringLiteral("messageDock"));
    messageDock_->setWidget(messageInspector_);
    tabifyDockWidget(inspectorDock_, messageDock_);
    inspectorDock_->raise();

    connect(scene_, &CanvasScene::faultRequested, faultControls_, &FaultControls::setFault);
    connect(scene_, &CanvasScene::faultDialogRequested, this, [this](const QString& id, int kind) {
        faultControls_->openDialog(
            id, kind < 0 ? std::nullopt : std::optional(static_cast<model::FaultKind>(kind)));
    });
    connect(scene_, &CanvasScene::scheduleFaultRequested, this,
            [this](const QString& id) { faultControls_->editScheduled(-1, id); });
    connect(scene_, &CanvasScene::redriveRequested, faultControls_, &FaultControls::redrive);
    connect(scene_, &CanvasScene::tokenPicked, this, [this](const runtime::Hop& hop) {
        if (auto frame = session_->frame()) messageInspector_->showHop(hop, *frame);
        messageDock_->show();
        messageDock_->raise();
    });
    connect(scene_, &CanvasScene::inspectTarget, messageInspector_,
            [this](const QString& id, int) { messageInspector_->setNode(id); });

    connect(inspector_, &InspectorPanel::faultDialogRequested, this,
            [this](const QString& id) { faultControls_->openDialog(id); });
    connect(inspector_, &InspectorPanel::scheduleFaultRequested, this,
            [this](const QString& id) { faultControls_->editScheduled(-1, id); });
    connect(inspector_, &InspectorPanel::redriveRequested, faultControls_, &FaultControls::redrive);
    connect(runControls_, &RunControls::continueRequested, faultControls_,
            &FaultControls::askContinue);
}

}  // namespace flowlab::ui
