// Where a student starts from: File > New from template (each template loads, validates
// and opens as an untitled document, leaving the template untouched) and Help > Which
// one? (every path through the decision tree ends at an answer that offers an installed
// lesson, and the lesson button opens it).

#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QSet>
#include <QTemporaryDir>

#include "document/scenario_document.hpp"
#include "document/scenario_file.hpp"
#include "main_window.hpp"
#include "panels/which_one.hpp"
#include "panels/which_one_dialog.hpp"

namespace flowlab::ui::test {

namespace {

const QString lessons = QStringLiteral(FLOWLAB_SCENARIOS_DIR);

QStringList templateFiles() {
    const QDir folder(lessons + QStringLiteral("/templates"));
    QStringList paths;
    for (const QString& name : folder.entryList({QStringLiteral("*.json")}, QDir::Files))
        paths << folder.filePath(name);
    return paths;
}

QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Every path from the first question to an answer, as the answers given on the way.
void walk(const QString& id, QList<bool> answers, QList<QList<bool>>* paths, int depth = 0) {
    const WhichOneStep* step = whichOneStep(id);
    ASSERT_NE(step, nullptr) << id.toStdString();
    ASSERT_LT(depth, 10) << "the tree loops at " << id.toStdString();
    if (!step->isQuestion()) {
        paths->append(answers);
        return;
    }
    walk(step->yes, answers + QList<bool>{true}, paths, depth + 1);
    walk(step->no, answers + QList<bool>{false}, paths, depth + 1);
}

}  // namespace

TEST(Templates, EachLoadsAndOpensAsAnUntitledDocument) {
    const QStringList files = templateFiles();
    // Sync chain, queue + consumer + DLQ, topic fan-out, 202 + poll job, hybrid checkout.
    ASSERT_GE(files.size(), 5);
    MainWindow window;
    for (const QString& path : files) {
        SCOPED_TRACE(path.toStdString());
        const QByteArray before = contents(path);
        ScenarioLoad load = loadScenarioFile(path);
        ASSERT_TRUE(load.scenario) << load.errors.join(QLatin1Char('\n')).toStdString();
        EXPECT_GE(load.scenario->nodes.size(), 3u);
        QStringList errors;
        ASSERT_TRUE(window.newFromTemplate(path, &errors));
        EXPECT_TRUE(window.document()->filePath().isEmpty());
        EXPECT_EQ(window.document()->scenario().name, load.scenario->name);
        // Every node has a place on the canvas (the templates leave that to the layout).
        for (const auto& node : window.document()->scenario().nodes)
            EXPECT_TRUE(window.document()->scenario().layout.count(node.id)) << node.id;
        // It runs.
        window.runFor(2.0);
        EXPECT_TRUE(window.engineError().isEmpty()) << window.engineError().toStdString();
        // Saving the new document elsewhere leaves the template as it was.
        QTemporaryDir dir;
        EXPECT_TRUE(
            window.saveTo(QDir(dir.path()).filePath(QStringLiteral("mine.json"))).isEmpty());
        EXPECT_EQ(contents(path), before);
    }
    QStringList errors;
    EXPECT_FALSE(window.newFromTemplate(lessons + QStringLiteral("/templates/none.json"), &errors));
    EXPECT_FALSE(errors.isEmpty());
}

TEST(WhichOne, EveryPathEndsAtAnAnswerWithAnInstalledLesson) {
    QList<QList<bool>> paths;
    walk(whichOneTree().front().id, {}, &paths);
    // Three yes/no questions, the second asked only of a waiting caller: six answers.
    EXPECT_EQ(paths.size(), 6);
    QSet<QString> answers;
    for (const WhichOneStep& step : whichOneTree())
        if (!step.isQuestion()) {
            answers.insert(step.id);
            EXPECT_FALSE(step.reason.isEmpty()) << step.id.toStdString();
        }

    MainWindow window;
    QSet<QString> reached;
    for (const QList<bool>& path : paths) {
        WhichOneDialog* dialog = window.showWhichOne();
        for (const bool yes : path) dialog->answer(yes);
        const WhichOneStep* answer = whichOneStep(dialog->currentStep());
        ASSERT_NE(answer, nullptr);
        ASSERT_FALSE(answer->isQuestion());
        reached.insert(answer->id);
        SCOPED_TRACE(answer->id.toStdString());
        // Offered: exactly the named lessons that exist, each with a button.
        QStringList existing;
        for (const QString& number : answer->lessons)
            if (const QString file = lessonFileNumbered(lessons, number); !file.isEmpty())
                existing << file;
        ASSERT_FALSE(existing.isEmpty());
        EXPECT_EQ(dialog->offeredLessons(), existing);
        // Back goes to the last question; answering again comes back here.
        dialog->back();
        EXPECT_TRUE(whichOneStep(dialog->currentStep())->isQuestion());
        dialog->answer(path.back());
        EXPECT_EQ(dialog->currentStep(), answer->id);
        // The button opens the lesson in the window.
        QPushButton* button = dialog->lessonButton(0);
        ASSERT_NE(button, nullptr);
        button->click();
        QApplication::processEvents();
        EXPECT_EQ(QFileInfo(window.document()->filePath()).fileName(),
                  QFileInfo(existing.front()).fileName());
    }
    EXPECT_EQ(reached, answers);  // no answer is unreachable
}

TEST(WhichOne, AMissingLessonIsNotOffered) {
    EXPECT_TRUE(lessonFileNumbered(lessons, QStringLiteral("99")).isEmpty());
    EXPECT_EQ(QFileInfo(lessonFileNumbered(lessons, QStringLiteral("21"))).fileName(),
              QStringLiteral("21-hybrid-checkout.json"));
}

}  // namespace flowlab::ui::test
