// Saving and loading: what is saved loads back identical, and a bad file changes nothing.

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include "document/scenario_document.hpp"
#include "document/scenario_file.hpp"
#include "main_window.hpp"
#include "panels/lesson_browser.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

TEST(Files, SaveThenLoadGivesTheSameScenario) {
    QTemporaryDir dir;
    MainWindow window;
    ScenarioDocument* doc = window.document();
    const QString c = doc->addNode(model::NodeKind::client, {0, 0});
    const QString s = doc->addNode(model::NodeKind::service, {200, 40});
    const QString q = doc->addNode(model::NodeKind::queue, {400, 80});
    const QString w = doc->addNode(model::NodeKind::consumer, {600, 80});
    ASSERT_TRUE(doc->connectNodes(c, s));
    ASSERT_TRUE(doc->connectNodes(s, q));
    ASSERT_TRUE(doc->connectNodes(q, w));
    ASSERT_TRUE(doc->setNodeParam(c, "rate_per_s", model::ParamValue(42.5)));
    ASSERT_TRUE(doc->setNodeParam(w, "retry", model::ParamValue(true)));
    ASSERT_TRUE(
        doc->setNodeParam(s, "work_ms", model::ParamValue(model::Distribution::uniform(2, 9))));
    ASSERT_TRUE(doc->isModified());

    const QString path = QDir(dir.path()).filePath(QStringLiteral("saved.json"));
    ASSERT_EQ(window.saveTo(path), QString());
    EXPECT_FALSE(doc->isModified());
    EXPECT_EQ(doc->filePath(), path);
    const model::Scenario saved = doc->scenario();

    MainWindow other;
    QStringList errors;
    ASSERT_TRUE(other.openFile(path, &errors)) << errors.join('\n').toStdString();
    EXPECT_EQ(other.document()->scenario(), saved);
    // The file went to the recent list.
    EXPECT_EQ(QSettings().value(QStringLiteral("recentFiles")).toStringList().value(0), path);
}

TEST(Files, EveryShippedScenarioRoundTrips) {
    const QDir folder(QStringLiteral(FLOWLAB_SCENARIOS_DIR));
    QTemporaryDir dir;
    int checked = 0;
    for (const QString& name : folder.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        const ScenarioLoad first = loadScenarioFile(folder.filePath(name));
        ASSERT_TRUE(first.scenario)
            << name.toStdString() << ": " << first.errors.join('\n').toStdString();
        const QString copy = QDir(dir.path()).filePath(name);
        ASSERT_EQ(saveScenarioFile(*first.scenario, copy), QString());
        const ScenarioLoad second = loadScenarioFile(copy);
        ASSERT_TRUE(second.scenario) << second.errors.join('\n').toStdString();
        EXPECT_EQ(*second.scenario, *first.scenario) << name.toStdString();
        ++checked;
    }
    // The lesson browser lists the same files.
    LessonBrowser browser(folder.path());
    EXPECT_EQ(browser.lessonCount(), checked);
}

TEST(Files, ABadFileReportsEveryProblemAndChangesNothing) {
    QTemporaryDir dir;
    const QString good = writeFile(dir, QStringLiteral("good.json"), chainScenario(10, 4, 5));
    const QString bad = writeFile(dir, QStringLiteral("bad.json"), R"({
  "format": "flowlab/1", "name": "bad",
  "run": { "duration_s": 10 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": -5 },
    { "id": "api", "kind": "service", "threads": 0 }
  ],
  "edges": [ { "from": "web", "to": "api", "mode": "sync" } ]
})");
    MainWindow window;
    ASSERT_TRUE(window.openFile(good));
    const model::Scenario before = window.document()->scenario();
    QStringList errors;
    EXPECT_FALSE(window.openFile(bad, &errors));
    ASSERT_GE(errors.size(), 2) << errors.join('\n').toStdString();
    EXPECT_TRUE(errors.join('\n').contains(QStringLiteral("nodes[0].rate_per_s")));
    EXPECT_TRUE(errors.join('\n').contains(QStringLiteral("nodes[1].threads")));
    EXPECT_EQ(window.document()->scenario(), before);
    EXPECT_EQ(window.document()->filePath(), QFileInfo(good).absoluteFilePath());
}

TEST(Files, FailedSaveKeepsTheOldFile) {
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("keep.json"), chainScenario(10, 4, 5));
    MainWindow window;
    ASSERT_TRUE(window.openFile(path));
    // A folder cannot be replaced by a file: the save fails and says where.
    const QString error = window.saveTo(dir.path());
    EXPECT_FALSE(error.isEmpty());
    EXPECT_TRUE(error.contains(dir.path())) << error.toStdString();
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), chainScenario(10, 4, 5));
}

}  // namespace flowlab::ui::test
