#include "panels/lesson_panel.hpp"

#include <QVBoxLayout>

#include "panels/lesson_steps_panel.hpp"

namespace flowlab::ui {

namespace {

QString esc(const std::string& text) { return QString::fromStdString(text).toHtmlEscaped(); }

QString list(const std::vector<std::string>& items) {
    QString html = QStringLiteral("<ul style='margin-left:-20px'>");
    for (const auto& item : items) html += QStringLiteral("<li>%1</li>").arg(esc(item));
    return html + QStringLiteral("</ul>");
}

/// "<b>double emails</b>: 76 users got a second email": the label the watch panel shows,
/// then the lesson's prose about it.
QString watchList(const std::vector<model::WatchItem>& items) {
    QString html = QStringLiteral("<ul style='margin-left:-20px'>");
    for (const auto& w : items) {
        QString entry = w.label.empty() ? QString() : QStringLiteral("<b>%1</b>").arg(esc(w.label));
        if (!w.text.empty())
            entry += (entry.isEmpty() ? QString() : QStringLiteral(": ")) + esc(w.text);
        html += QStringLiteral("<li>%1</li>").arg(entry);
    }
    return html + QStringLiteral("</ul>");
}

}  // namespace

LessonPanel::LessonPanel(LiveSession* session, QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    steps_ = new LessonStepsPanel(session, this);
    text_ = new QTextBrowser(this);
    text_->setOpenExternalLinks(false);
    layout->addWidget(steps_);
    layout->addWidget(text_, 1);
}

void LessonPanel::showScenario(const model::Scenario& scenario, const QString& filePath) {
    text_->setHtml(lessonHtml(scenario));
    steps_->setLesson(scenario, filePath);
}

bool LessonPanel::nextStep() { return steps_->nextStep(); }

QString LessonPanel::lessonHtml(const model::Scenario& scenario) {
    QString html =
        QStringLiteral("<h3>%1</h3>").arg(esc(scenario.name.empty() ? "Untitled" : scenario.name));
    if (!scenario.description.empty())
        html += QStringLiteral("<p>%1</p>").arg(esc(scenario.description));
    if (!scenario.lesson) return html + tr("<p><i>This scenario has no lesson text.</i></p>");
    const model::Lesson& lesson = *scenario.lesson;
    if (!lesson.goal.empty()) html += tr("<p><b>Goal:</b> %1</p>").arg(esc(lesson.goal));
    if (!lesson.watch.empty()) html += tr("<p><b>Watch</b></p>") + watchList(lesson.watch);
    if (!lesson.explain.empty()) html += tr("<p><b>Why</b></p><p>%1</p>").arg(esc(lesson.explain));
    if (!lesson.try_next.empty()) html += tr("<p><b>Try</b></p>") + list(lesson.try_next);
    return html;
}

}  // namespace flowlab::ui
