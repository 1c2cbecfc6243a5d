// MainWindow's starting points: File > New from template (scenarios/templates/*.json,
// opened as untitled documents) and Help > Which one? (the sync / async / hybrid
// decision tree, which opens the lesson that shows its answer). Kept apart from
// main_window.cpp, which builds the window and handles files.

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include "canvas/auto_layout.hpp"
#include "canvas/canvas_scene.hpp"
#include "canvas/canvas_view.hpp"
#include "document/autosave.hpp"
#include "document/scenario_document.hpp"
#include "document/scenario_file.hpp"
#include "main_window.hpp"
#include "panels/lesson_browser.hpp"
#include "panels/which_one_dialog.hpp"

namespace flowlab::ui {

namespace {
QString templatesFolder() { return scenariosFolder() + QStringLiteral("/templates"); }
}  // namespace

void MainWindow::createTemplateMenu(QMenu* file) {
    QMenu* templates = file->addMenu(tr("New from &template"));
    // Listed when the menu opens: the folder is read then, not at start-up.
    connect(templates, &QMenu::aboutToShow, this, [this, templates] {
        templates->clear();
        const QDir folder(templatesFolder());
        const QStringList files =
            folder.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const QString& name : files) {
            const QString path = folder.filePath(name);
            QFile text(path);
            QString title = QFileInfo(name).completeBaseName();
            if (text.open(QIODevice::ReadOnly))
                title = QJsonDocument::fromJson(text.readAll())
                            .object()
                            .value(QStringLiteral("name"))
                            .toString(title);
            templates->addAction(title, this, [this, path] {
                if (!maybeSave()) return;
                QStringList errors;
                if (!newFromTemplate(path, &errors))
                    QMessageBox::warning(this, tr("Cannot open the template"),
                                         errors.join(QLatin1Char('\n')));
            });
        }
        if (files.isEmpty())
            templates->addAction(tr("(no templates installed)"))->setEnabled(false);
    });
}

bool MainWindow::newFromTemplate(const QString& path, QStringList* errors) {
    ScenarioLoad load = loadScenarioFile(path);
    if (!load.scenario) {
        if (errors) *errors = load.errors;
        return false;
    }
    placeUnpositionedNodes(*load.scenario);
    autosave_->discard();
    loading_ = true;
    // No file path: the document is Untitled, and Save asks where to put it, so the
    // template itself is never overwritten.
    document_->resetTo(*load.scenario, QString());
    loading_ = false;
    sendScenario(true);
    scene_->clearRunState();
    showScenario();
    view_->fitAll();
    statusBar()->showMessage(
        tr("New scenario from the template %1: edit it, press Space to run, Ctrl+S to save.")
            .arg(QString::fromStdString(load.scenario->name)),
        8000);
    return true;
}

void MainWindow::createHelpMenu() {
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Which one? Sync, async or hybrid…"), this, [this] { showWhichOne(); });
}

WhichOneDialog* MainWindow::showWhichOne() {
    auto* dialog = new WhichOneDialog(scenariosFolder(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WhichOneDialog::lessonChosen, this, [this](const QString& path) {
        if (!maybeSave()) return;
        QStringList errors;
        if (!openFile(path, &errors))
            QMessageBox::warning(this, tr("Cannot open the lesson"),
                                 errors.join(QLatin1Char('\n')));
    });
    dialog->open();
    return dialog;
}

}  // namespace flowlab::ui
