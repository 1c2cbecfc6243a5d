// The timeline under the canvas: seeking, bookmarks, saving a run with its recording, and
// the future a fork abandoned.
#include <QFileDialog>
#include <QMessageBox>
#include <QStatusBar>

#include "compare/compare_window.hpp"
#include "document/scenario_document.hpp"
#include "document/scenario_file.hpp"
#include "main_window.hpp"
#include "panels/chart_panel.hpp"
#include "panels/lesson_chart.hpp"
#include "panels/transport_keys.hpp"
#include "session/live_session.hpp"
#include "timeline/timeline_bar.hpp"

namespace flowlab::ui {

namespace {

/// The document's own parts that are no input of the run (where nodes stand, the lesson
/// text), carried over to a scenario written from the run's recording.
model::Scenario withDocumentParts(model::Scenario recorded, const model::Scenario& document) {
    recorded.layout = document.layout;
    recorded.name = document.name;
    recorded.description = document.description;
    recorded.lesson = document.lesson;
    recorded.challenge = document.challenge;
    return recorded;
}

}  // namespace

void MainWindow::createTimeline() {
    connect(timeline_, &TimelineBar::seekRequested, this,
            [this](double seconds) { session_->runner().seek_to(seconds); });
    connect(timeline_, &TimelineBar::openAbandonedFutureRequested, this,
            &MainWindow::openAbandonedFutureAsCompare);
    for (QAction* action : timeline_->keyActions()) {
        addAction(action);  // the keys work wherever the focus is, menu bar hidden or not
        if (transportKeys_) transportKeys_->add(action);
    }
}

void MainWindow::seekTo(double seconds) {
    session_->runner().seek_to(seconds);
    session_->runner().sync();
    session_->refresh();
    if (auto frame = session_->frame()) {
        charts_->showFrame(*frame, true);
        lessonChart_->showFrame(*frame, true);
    }
}

QString MainWindow::saveRecordingTo(const QString& path) {
    const auto frame = session_->frame();
    if (!frame || !frame->recorded_run) return tr("Nothing has run yet: there is no recording.");
    return saveScenarioFile(withDocumentParts(*frame->recorded_run, document_->scenario()), path);
}

void MainWindow::saveRecordingInteractive() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save run with recording"), document_->filePath(),
                                     tr("FlowLab scenarios (*.json)"));
    if (path.isEmpty()) return;
    const QString error = saveRecordingTo(withJsonSuffix(path));
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Save failed"), error);
        return;
    }
    statusBar()->showMessage(
        tr("Saved the run with its recording to %1: opening it replays every input.").arg(path),
        8000);
}

CompareWindow* MainWindow::openAbandonedFutureAsCompare() {
    const auto frame = session_->frame();
    if (!frame || !frame->abandoned_run || !frame->recorded_run) return nullptr;
    const model::Scenario& doc = document_->scenario();
    // Both start from the same scenario and seed and replay the same inputs up to the
    // fork, so they part exactly where the user changed the past.
    CompareSetup setup;
    setup.a = withDocumentParts(*frame->recorded_run, doc);
    setup.b = withDocumentParts(*frame->abandoned_run, doc);
    setup.nameA = tr("this future");
    setup.nameB = tr("abandoned future");
    setup.title = tr("%1: this future vs the abandoned one")
                      .arg(QString::fromStdString(doc.name.empty() ? "run" : doc.name));
    setup.explain = tr("Both runs replay the same inputs until the fork; from there A plays "
                       "the input given in the past and B the future it replaced (played "
                       "until %1 s).")
                        .arg(frame->abandoned_until_s);
    return CompareWindow::open(std::move(setup), this);
}

}  // namespace flowlab::ui
