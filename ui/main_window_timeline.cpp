// The timeline under the canvas: seeking, bookmarks, saving a run with its recording, and
// the future a fork abandoned.
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>

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

/// A folder for files the app writes for itself (the abandoned future and its pair).
QString scratchFolder() {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty()) dir = QDir::tempPath();
    dir = QDir(dir).filePath(QStringLiteral("timeline"));
    QDir().mkpath(dir);
    return dir;
}

}  // namespace

void MainWindow::createTimeline() {
    connect(timeline_, &TimelineBar::seekRequested, this,
            [this](double seconds) { session_->runner().seek_to(seconds); });
    connect(timeline_, &TimelineBar::openAbandonedFutureRequested, this,
            &MainWindow::offerAbandonedFuture);
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

void MainWindow::offerAbandonedFuture() {
    const auto frame = session_->frame();
    if (!frame || !frame->abandoned_run || !frame->recorded_run) return;
    const QDir dir(scratchFolder());
    const QString base = QFileInfo(document_->filePath()).completeBaseName();
    const QString stem = base.isEmpty() ? QStringLiteral("run") : base;
    const QString pathA = dir.filePath(stem + QStringLiteral("-current-future.json"));
    const QString pathB = dir.filePath(stem + QStringLiteral("-abandoned-future.json"));
    const model::Scenario& doc = document_->scenario();
    QString error = saveScenarioFile(withDocumentParts(*frame->recorded_run, doc), pathA);
    if (error.isEmpty())
        error = saveScenarioFile(withDocumentParts(*frame->abandoned_run, doc), pathB);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot open the abandoned future"), error);
        return;
    }
    openAbandonedFutureAsCompare(pathA, pathB);
}

void MainWindow::openAbandonedFutureAsCompare(const QString& pathA, const QString& pathB) {
    Q_UNUSED(pathA);
    // Until the compare window is wired here: the abandoned future in a window of its own.
    auto* other = new MainWindow;
    other->setAttribute(Qt::WA_DeleteOnClose);
    QStringList errors;
    if (!other->openFile(pathB, &errors)) {
        QMessageBox::warning(this, tr("Cannot open the abandoned future"), errors.join('\n'));
        delete other;
        return;
    }
    other->show();
}

}  // namespace flowlab::ui
