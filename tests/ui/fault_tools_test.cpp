// Full fault control in the app: the fault dialog's parameters reach the engine, the
// scheduled faults are edited through the document (undo), trace settings are editable,
// a DLQ redrives, a run continues past its end, and a clicked token shows its message.

#include <gtest/gtest.h>

#include <QAction>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>

#include "canvas/canvas_scene.hpp"
#include "canvas/canvas_view.hpp"
#include "canvas/node_item.hpp"
#include "canvas/token_layer.hpp"
#include "document/scenario_document.hpp"
#include "flowlab/model/fault_text.hpp"
#include "main_window.hpp"
#include "panels/fault_controls.hpp"
#include "panels/fault_dialog.hpp"
#include "panels/faults_panel.hpp"
#include "panels/inspector_panel.hpp"
#include "panels/message_inspector.hpp"
#include "panels/param_editor.hpp"
#include "panels/run_controls.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

using model::FaultKind;

/// One node of every kind that takes a fault, and a DLQ: web -> api -> db, api -(async)->
/// jobs -> worker, whose failures go to "dead". The worker fails everything in its first
/// 2 s (a scheduled errors fault), so the DLQ fills, then recovers.
QByteArray everyKindScenario(double durationS = 60) {
    return QStringLiteral(R"({
  "format": "flowlab/1", "name": "ui test faults", "seed": 7,
  "run": { "duration_s": %1, "drain_s": 5 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": 100 },
    { "id": "api", "kind": "service", "threads": 32, "work_ms": 2 },
    { "id": "db", "kind": "database", "connections": 16, "query_ms": 1 },
    { "id": "jobs", "kind": "queue" },
    { "id": "worker", "kind": "consumer", "concurrency": 8, "work_ms": 5 },
    { "id": "dead", "kind": "dlq" }
  ],
  "edges": [
    { "from": "web", "to": "api", "mode": "sync" },
    { "from": "api", "to": "db", "mode": "sync" },
    { "from": "api", "to": "jobs", "mode": "async" },
    { "from": "jobs", "to": "worker", "mode": "deliver" },
    { "from": "worker", "to": "dead", "mode": "dead_letter" }
  ],
  "faults": [ { "at_s": 0, "for_s": 2, "target": "worker", "fault": "errors", "failure_rate": 1 } ],
  "layout": { "web": [0, 0], "api": [260, 0], "db": [520, 0], "jobs": [260, 200],
              "worker": [520, 200], "dead": [780, 200] }
})")
        .arg(durationS)
        .toUtf8();
}

int indexOf(const MainWindow& window, const char* id) {
    return window.document()->nodeIndex(QString::fromLatin1(id));
}

/// Waits for the engine and shows its newest frame.
void settle(MainWindow& window) {
    window.session()->runner().sync();
    window.session()->refresh();
}

}  // namespace

TEST(FaultTools, EveryParameterOfTheDialogReachesTheEngine) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("f.json"), everyKindScenario())));
    window.runFor(3.0);  // past the scheduled errors fault

    struct Case {
        const char* target;
        FaultKind kind;
        std::vector<std::pair<std::string, model::ParamValue>> params;
    };
    const std::vector<Case> cases = {
        {"api", FaultKind::slow, {{"extra_ms", 150.0}, {"factor", 2.0}, {"for_s", 5.0}}},
        {"db", FaultKind::errors, {{"failure_rate", 0.3}, {"for_s", 4.0}}},
        {"web", FaultKind::spike, {{"rate_per_s", 250.0}, {"for_s", 3.0}}},
        {"db", FaultKind::hang, {{"for_s", 2.5}}},
        {"worker", FaultKind::pause, {{"for_s", 6.0}}},
        {"jobs", FaultKind::poison, {{"count", std::int64_t{5000}}}},
    };
    for (const Case& c : cases) {
        FaultDialog dialog(window.document()->scenario(), FaultDialog::Mode::injectNow);
        model::Fault start;
        start.target = c.target;
        start.kind = c.kind;
        dialog.setFault(start);
        // Injected now: there is no start time to set.
        EXPECT_EQ(dialog.editor(QStringLiteral("at_s")), nullptr);
        for (const auto& [key, value] : c.params) ASSERT_TRUE(dialog.setParam(key, value)) << key;
        ASSERT_EQ(dialog.problems(), QString()) << c.target;
        const double injectedAt = kernel::to_s(window.session()->frame()->now);
        window.faultControls()->setFault(dialog.fault(), true);
        window.runFor(0.5);

        const auto frame = window.session()->frame();
        const run::NodeFrame::Fault* shown = nullptr;
        for (const auto& f : frame->nodes[size_t(indexOf(window, c.target))].faults)
            if (f.kind == c.kind) shown = &f;
        ASSERT_NE(shown, nullptr) << c.target << " " << model::to_string(c.kind);
        if (c.kind == FaultKind::poison) {
            // A burst of pills into a queue whose worker is paused: all still there.
            EXPECT_EQ(shown->detail, "5000 pills left");
            continue;
        }
        EXPECT_EQ(shown->detail, model::fault_strength(dialog.fault()));
        EXPECT_NEAR(shown->ends_s, injectedAt + *dialog.fault().for_s, 1e-9) << c.target;
    }
    // Strengths as the engine names them, from the values typed in the dialog.
    EXPECT_EQ(
        model::fault_strength(model::Fault{.kind = FaultKind::slow, .extra_ms = 150, .factor = 2}),
        "x2 +150 ms");
}

TEST(FaultTools, TheDialogRefusesOutOfRangeValuesAndOffersPresets) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("f.json"), everyKindScenario())));
    FaultDialog dialog(window.document()->scenario(), FaultDialog::Mode::schedule);
    model::Fault start;
    start.target = "db";
    start.kind = FaultKind::errors;
    dialog.setFault(start);
    EXPECT_NE(dialog.editor(QStringLiteral("at_s")), nullptr);  // scheduled: when it starts
    EXPECT_FALSE(dialog.setParam("failure_rate", 1.5));
    EXPECT_TRUE(dialog.problems().contains(QStringLiteral("failure_rate")))
        << dialog.problems().toStdString();
    EXPECT_TRUE(dialog.applyPreset(QStringLiteral("100 % fail")));
    EXPECT_EQ(dialog.problems(), QString());
    EXPECT_EQ(dialog.fault().failure_rate, 1.0);
    EXPECT_TRUE(dialog.applyPreset(QStringLiteral("for 30 s")));
    EXPECT_EQ(dialog.fault().for_s, std::optional<double>(30.0));

    // The database takes down, hang, slow and errors; not crash, pause, spike or poison.
    start.kind = FaultKind::slow;
    dialog.setFault(start);
    EXPECT_TRUE(dialog.presets().contains(QStringLiteral("+1 s")));
    ASSERT_TRUE(dialog.applyPreset(QStringLiteral("+1 s")));
    EXPECT_EQ(dialog.fault().extra_ms, 1000.0);
    start.kind = FaultKind::crash;
    dialog.setFault(start);
    EXPECT_NE(dialog.fault().kind, FaultKind::crash);
}

TEST(FaultTools, TheContextMenuOpensTheDialogForFaultsWithAStrength) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("f.json"), everyKindScenario())));
    std::unique_ptr<QMenu> menu(window.scene()->createFaultMenu(QStringLiteral("api")));
    QStringList texts;
    for (QAction* a : menu->actions()) texts << a->text();
    EXPECT_TRUE(texts.contains(QStringLiteral("Inject down"))) << texts.join('|').toStdString();
    EXPECT_TRUE(texts.contains(QStringLiteral("Inject slow…")));
    for (const QString& t : texts)
        EXPECT_FALSE(t.contains(QStringLiteral("200 ms"))) << t.toStdString();
    // The window would open the (modal) dialog: only the request is checked here.
    QObject::disconnect(window.scene(), &CanvasScene::faultDialogRequested, nullptr, nullptr);
    QSignalSpy dialogAsked(window.scene(), &CanvasScene::faultDialogRequested);
    for (QAction* a : menu->actions())
        if (a->text() == QStringLiteral("Inject slow…")) a->trigger();
    ASSERT_EQ(dialogAsked.size(), 1);
    EXPECT_EQ(dialogAsked[0][0].toString(), QStringLiteral("api"));
    EXPECT_EQ(dialogAsked[0][1].toInt(), int(FaultKind::slow));
}

TEST(FaultTools, ScheduledFaultsAreEditedThroughTheDocumentWithUndo) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("h.json"), hangScenario())));
    FaultsPanel* panel = window.faultsPanel();
    ASSERT_EQ(panel->rowTexts().size(), 1);
    EXPECT_TRUE(panel->rowTexts()[0].contains(QStringLiteral("2 s → 22 s")))
        << panel->rowTexts()[0].toStdString();

    model::Fault moved = window.document()->scenario().faults[0];
    moved.at_s = 5;
    moved.for_s = 10;
    ASSERT_TRUE(window.document()->setFault(0, moved));
    EXPECT_TRUE(panel->rowTexts()[0].contains(QStringLiteral("5 s → 15 s")));
    // The engine restarts with the new plan: the hang starts at 5 s and heals at 15 s.
    window.runFor(6.0);
    const int api = window.document()->nodeIndex(QStringLiteral("api"));
    const auto& faults = window.session()->frame()->nodes[size_t(api)].faults;
    ASSERT_EQ(faults.size(), 1u);
    EXPECT_EQ(faults[0].kind, FaultKind::hang);
    EXPECT_NEAR(faults[0].ends_s, 15.0, 1e-9);

    window.document()->undoStack()->undo();
    EXPECT_TRUE(panel->rowTexts()[0].contains(QStringLiteral("2 s → 22 s")));

    model::Fault slow;
    slow.target = "api";
    slow.kind = FaultKind::slow;
    slow.at_s = 30;
    slow.factor = 4;
    ASSERT_TRUE(window.document()->setFault(-1, slow));
    ASSERT_EQ(panel->rowTexts().size(), 2);
    EXPECT_TRUE(panel->rowTexts()[1].contains(QStringLiteral("x4")))
        << panel->rowTexts()[1].toStdString();
    EXPECT_TRUE(panel->rowTexts()[1].contains(QStringLiteral("30 s → end")));
    // A fault the target does not take is refused and changes nothing.
    model::Fault crash = slow;
    crash.kind = FaultKind::crash;
    QString why;
    EXPECT_FALSE(window.document()->setFault(-1, crash, &why));
    EXPECT_FALSE(why.isEmpty());
    EXPECT_EQ(panel->rowTexts().size(), 2);

    panel->selectRow(0);
    panel->removeSelected();
    ASSERT_EQ(panel->rowTexts().size(), 1);
    EXPECT_TRUE(panel->rowTexts()[0].contains(QStringLiteral("slow")));
    window.document()->undoStack()->undo();
    window.document()->undoStack()->undo();
    ASSERT_EQ(panel->rowTexts().size(), 1);
    EXPECT_TRUE(panel->rowTexts()[0].contains(QStringLiteral("hang")));
}

TEST(FaultTools, TraceSettingsAreEditableWithTheRunSettings) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("h.json"), hangScenario())));
    window.inspector()->setTarget(QString(), -1);
    ParamEditor* sample = window.inspector()->editor(QStringLiteral("trace.sample"));
    ParamEditor* propagate = window.inspector()->editor(QStringLiteral("trace.propagate"));
    ASSERT_NE(sample, nullptr);
    ASSERT_NE(propagate, nullptr);
    emit sample->edited(model::ParamValue(0.25));
    emit propagate->edited(model::ParamValue(false));
    EXPECT_EQ(window.document()->scenario().trace.sample, 0.25);
    EXPECT_FALSE(window.document()->scenario().trace.propagate);
    emit sample->edited(model::ParamValue(2.0));  // out of range: refused, shown
    EXPECT_EQ(window.document()->scenario().trace.sample, 0.25);
    EXPECT_FALSE(sample->problem().isEmpty());
    window.document()->undoStack()->undo();
    window.document()->undoStack()->undo();
    EXPECT_EQ(window.document()->scenario().trace.sample, 0.01);
    EXPECT_TRUE(window.document()->scenario().trace.propagate);
}

TEST(FaultTools, ARunByRequestsReplacesItsDuration) {
    // Lesson 02: "Replace run.duration_s with run.requests: 200000" in the run settings.
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("h.json"), hangScenario())));
    ScenarioDocument* doc = window.document();
    ASSERT_TRUE(doc->setRunParam("requests", model::ParamValue(std::int64_t{200000})));
    EXPECT_EQ(doc->scenario().run.requests, std::optional<std::int64_t>(200000));
    EXPECT_FALSE(doc->scenario().run.duration_s.has_value());
    QString why;
    EXPECT_FALSE(doc->setRunParam("requests", model::ParamValue(std::monostate{}), &why));
    EXPECT_FALSE(why.isEmpty());
    doc->undoStack()->undo();
    EXPECT_EQ(doc->scenario().run.duration_s, std::optional<double>(60.0));
    EXPECT_FALSE(doc->scenario().run.requests.has_value());
}

TEST(FaultTools, RedriveFromTheInspectorMovesDeadLettersBack) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("f.json"), everyKindScenario())));
    window.runFor(3.0);
    const size_t dead = size_t(indexOf(window, "dead"));
    const auto held = window.session()->frame()->nodes[dead].dead_letters;
    // 100 requests/s, each publishing one message, all failing for 2 s: ~200 (sd ~14).
    EXPECT_GT(held, 120);
    EXPECT_LT(held, 280);

    std::unique_ptr<QMenu> menu(window.scene()->createFaultMenu(QStringLiteral("dead")));
    bool offered = false;
    for (QAction* a : menu->actions())
        offered |= a->text().startsWith(QStringLiteral("Redrive %1").arg(held)) && a->isEnabled();
    EXPECT_TRUE(offered);

    window.inspector()->setTarget(QStringLiteral("dead"), -1);
    QPushButton* redrive = nullptr;
    for (QPushButton* b : window.inspector()->actionButtons())
        if (b->text() == QStringLiteral("Redrive")) redrive = b;
    ASSERT_NE(redrive, nullptr);
    redrive->click();
    settle(window);
    const auto frame = window.session()->frame();
    EXPECT_EQ(frame->nodes[dead].dead_letters, 0);
    EXPECT_EQ(frame->nodes[dead].dead_letter_arrivals, std::uint64_t(held));
    // The healed worker processes them: none comes back.
    window.runFor(2.0);
    EXPECT_EQ(window.session()->frame()->nodes[dead].dead_letters, 0);
}

TEST(FaultTools, ARunContinuesPastItsEndAndAFaultInjectedThenActs) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("f.json"), everyKindScenario(4))));
    window.runFor(1000);
    const auto ended = window.session()->frame();
    ASSERT_TRUE(ended->finished);

    // Play on an ended run asks to continue rather than doing nothing.
    // (The window would ask how long, in a modal box: only the request is checked.)
    QObject::disconnect(window.runControls(), &RunControls::continueRequested, nullptr, nullptr);
    QSignalSpy asked(window.runControls(), &RunControls::continueRequested);
    window.runControls()->playAction()->trigger();
    EXPECT_EQ(asked.size(), 1);

    model::Fault down;
    down.target = "api";
    down.kind = FaultKind::down;
    window.faultControls()->setFault(down, true);
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("continue")))
        << window.statusBar()->currentMessage().toStdString();

    window.faultControls()->continueRun(3);
    window.runFor(1000);
    const auto after = window.session()->frame();
    EXPECT_TRUE(after->finished);
    EXPECT_GE(kernel::to_s(after->now), kernel::to_s(ended->now) + 2.9);
    const auto added = after->clients[0].requests_total - ended->clients[0].requests_total;
    EXPECT_GT(added, 200u);  // 100/s for 3 s: ~300 (sd ~17)
    EXPECT_EQ(after->clients[0].failed(runtime::Reason::refused), added);
}

TEST(FaultTools, AClickedTokenShowsItsRequest) {
    // Slow edges (2 s each way) keep requests in flight where the canvas draws them.
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("slow.json"), R"({
  "format": "flowlab/1", "name": "ui test tokens", "seed": 2, "run": { "duration_s": 60 },
  "trace": { "sample": 1 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": 2, "arrival": "uniform" },
    { "id": "api", "kind": "service", "threads": 8, "work_ms": 1 }
  ],
  "edges": [ { "from": "web", "to": "api", "mode": "sync", "latency_ms": 2000 } ],
  "layout": { "web": [0, 0], "api": [400, 0] }
})");
    MainWindow window;
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(window.openFile(path));
    window.runFor(3.0);
    const auto& drawn = window.scene()->tokenLayer()->tokens();
    ASSERT_FALSE(drawn.empty());
    // The token farthest from both nodes: a click there cannot land on a node.
    const QPointF middle =
        (window.scene()->nodeItem(QStringLiteral("web"))->sceneBoundingRect().center() +
         window.scene()->nodeItem(QStringLiteral("api"))->sceneBoundingRect().center()) /
        2;
    QPointF target = drawn.front().pos;
    for (const auto& t : drawn)
        if (QLineF(t.pos, middle).length() < QLineF(target, middle).length()) target = t.pos;
    ASSERT_TRUE(window.scene()->tokenLayer()->hopAt(target, 1.0).has_value());
    QSignalSpy picked(window.scene(), &CanvasScene::tokenPicked);
    const QPoint at = window.view()->mapFromScene(target);
    sendMouse(window.view(), QEvent::MouseButtonPress, at, Qt::NoModifier);
    sendMouse(window.view(), QEvent::MouseButtonRelease, at, Qt::NoModifier);
    ASSERT_EQ(picked.size(), 1);

    MessageInspector* inspector = window.messageInspector();
    ASSERT_TRUE(inspector->hasHop());
    // Requests start every 0.5 s; by t = 3 s the first ones are on their way back.
    EXPECT_TRUE(inspector->field(QStringLiteral("id")).startsWith(QStringLiteral("request #")))
        << inspector->field(QStringLiteral("id")).toStdString();
    const QString pathText = inspector->field(QStringLiteral("path"));
    EXPECT_TRUE(pathText == QStringLiteral("web ⇢ api") ||
                pathText == QStringLiteral("web → api ⇢ web"))
        << pathText.toStdString();
    EXPECT_EQ(inspector->field(QStringLiteral("attempt")), QStringLiteral("1 (the first)"));
    EXPECT_TRUE(inspector->field(QStringLiteral("trace")).startsWith(QStringLiteral("#")));
    EXPECT_TRUE(
        inspector->field(QStringLiteral("age")).contains(QStringLiteral("since the user sent it")));

    // The same request from the node's list: what travels to or from api.
    emit window.scene()->inspectTarget(QStringLiteral("api"), -1);
    inspector->showFrame(*window.session()->frame());
    // 2 requests/s, each 4 s on the wire there and back: about 8 in flight.
    EXPECT_GE(inspector->listedCount(), 6);
    inspector->pickListed(0);
    EXPECT_TRUE(inspector->field(QStringLiteral("hop")).startsWith(QStringLiteral("sent at")));
}

}  // namespace flowlab::ui::test
