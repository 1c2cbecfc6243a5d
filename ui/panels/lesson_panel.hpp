#pragma once
/// The scenario's story: the guided steps of its lesson (when it has some) above the lesson
/// text (name, description, goal, watch, explain, try).

#include <QTextBrowser>
#include <QWidget>

#include "flowlab/model/scenario.hpp"

namespace flowlab::ui {

class LessonStepsPanel;
class LiveSession;

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(LiveSession* session, QWidget* parent = nullptr);
    /// A newly opened scenario; `filePath` names it for the remembered step ("" if unsaved).
    void showScenario(const model::Scenario& scenario, const QString& filePath = {});
    /// The same text as HTML, for the lesson browser's preview.
    static QString lessonHtml(const model::Scenario& scenario);

    LessonStepsPanel* steps() const { return steps_; }
    QTextBrowser* text() const { return text_; }

public slots:
    /// On to the next lesson step, when the current one is done (a presenter's key).
    bool nextStep();

private:
    LessonStepsPanel* steps_;
    QTextBrowser* text_;
};

}  // namespace flowlab::ui
