#include "panels/lesson_browser.hpp"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "document/scenario_file.hpp"
#include "flowlab/model/compare_pair.hpp"
#include "flowlab/run/metric_path.hpp"
#include "panels/lesson_panel.hpp"

namespace flowlab::ui {

namespace {

constexpr int pathRole = Qt::UserRole;
constexpr int previewRole = Qt::UserRole + 1;
constexpr int pairRole = Qt::UserRole + 2;

/// Whether a file says it is a compare pair (the folder also holds scenario variants).
bool isPairFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > (1 << 20)) return false;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    return o.value(QStringLiteral("format")).toString() ==
           QLatin1String(model::compare_pair_format.data(),
                         qsizetype(model::compare_pair_format.size()));
}

QString pairPreview(const model::ComparePair& pair) {
    return QStringLiteral("<h2>%1</h2><p><b>A:</b> %2<br><b>B:</b> %3</p><p>%4</p>")
        .arg(QString::fromStdString(pair.title).toHtmlEscaped(),
             QString::fromStdString(pair.a.name).toHtmlEscaped(),
             QString::fromStdString(pair.b.name).toHtmlEscaped(),
             QString::fromStdString(pair.explain).toHtmlEscaped());
}

}  // namespace

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
    addPairs(dir.filePath(QStringLiteral("compare")));
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

void LessonBrowser::addPairs(const QString& folder) {
    const QDir dir(folder);
    const QStringList names = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    bool headed = false;
    for (const QString& name : names) {
        const QString path = dir.filePath(name);
        if (!isPairFile(path)) continue;
        if (!headed) {
            auto* header = new QListWidgetItem(tr("Compare two designs"), list_);
            header->setFlags(Qt::NoItemFlags);
            QFont bold = header->font();
            bold.setBold(true);
            header->setFont(bold);
            headed = true;
        }
        const auto loaded = model::load_compare_pair(path.toStdString(), run::check_metric_paths);
        auto* item = new QListWidgetItem(list_);
        item->setData(pathRole, path);
        item->setData(pairRole, true);
        if (loaded.pair) {
            item->setText(QStringLiteral("⇄ %1").arg(QString::fromStdString(loaded.pair->title)));
            item->setData(previewRole, pairPreview(*loaded.pair));
        } else {
            QStringList errors;
            for (const auto& d : loaded.errors) errors << QString::fromStdString(d.to_string());
            item->setText(tr("%1 (cannot be loaded)").arg(name));
            item->setData(previewRole,
                          QStringLiteral("<pre>%1</pre>").arg(errors.join('\n').toHtmlEscaped()));
        }
    }
}

bool LessonBrowser::selectedIsPair() const {
    return list_->currentItem() && list_->currentItem()->data(pairRole).toBool();
}

bool LessonBrowser::select(const QString& path) {
    for (int i = 0; i < list_->count(); ++i)
        if (list_->item(i)->data(pathRole).toString() == path) {
            list_->setCurrentRow(i);
            return true;
        }
    return false;
}

int LessonBrowser::pairCount() const {
    int n = 0;
    for (int i = 0; i < list_->count(); ++i) n += list_->item(i)->data(pairRole).toBool();
    return n;
}

QString LessonBrowser::selectedPath() const {
    return list_->currentItem() ? list_->currentItem()->data(Qt::UserRole).toString() : QString();
}

int LessonBrowser::lessonCount() const {
    int n = 0;
    for (int i = 0; i < list_->count(); ++i)
        n += !list_->item(i)->data(pathRole).toString().isEmpty() &&
             !list_->item(i)->data(pairRole).toBool();
    return n;
}

}  // namespace flowlab::ui
