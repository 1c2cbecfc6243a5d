#include "panels/lesson_browser.hpp"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QListWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "document/scenario_file.hpp"
#include "panels/lesson_panel.hpp"

namespace flowlab::ui {

QString scenariosFolder() {
    const QString env = qEnvironmentVariable("FLOWLAB_SCENARIOS");
    if (!env.isEmpty()) return env;
    const QString installed =
        QCoreApplication::applicationDirPath() + QStringLiteral("/../share/flowlab/scenarios");
    if (QDir(installed).exists()) return QDir(installed).absolutePath();
    return QStringLiteral(FLOWLAB_SOURCE_SCENARIOS_DIR);
}

LessonBrowser::LessonBrowser(const QString& folder, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Lessons"));
    resize(820, 480);
    list_ = new QListWidget(this);
    preview_ = new QTextBrowser(this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    auto* row = new QHBoxLayout;
    row->addWidget(list_, 2);
    row->addWidget(preview_, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    const QDir dir(folder);
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString path = dir.filePath(name);
        const ScenarioLoad load = loadScenarioFile(path);
        auto* item = new QListWidgetItem(list_);
        if (load.scenario) {
            item->setText(
                QStringLiteral("%1 — %2").arg(name, QString::fromStdString(load.scenario->name)));
            item->setData(Qt::UserRole + 1, LessonPanel::lessonHtml(*load.scenario));
        } else {
            item->setText(tr("%1 (cannot be loaded)").arg(name));
            item->setData(
                Qt::UserRole + 1,
                QStringLiteral("<pre>%1</pre>").arg(load.errors.join('\n').toHtmlEscaped()));
        }
        item->setData(Qt::UserRole, path);
    }
    if (list_->count() == 0)
        preview_->setHtml(tr("<p>No lessons found in %1.</p>").arg(folder.toHtmlEscaped()));
    connect(list_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        preview_->setHtml(item ? item->data(Qt::UserRole + 1).toString() : QString());
    });
    connect(list_, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (list_->count() > 0) list_->setCurrentRow(0);
}

QString LessonBrowser::selectedPath() const {
    return list_->currentItem() ? list_->currentItem()->data(Qt::UserRole).toString() : QString();
}

int LessonBrowser::lessonCount() const { return list_->count(); }

}  // namespace flowlab::ui
