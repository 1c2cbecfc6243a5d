#pragma once
/// The scenario's story: name, description and the lesson block (goal, watch, explain, try).

#include <QTextBrowser>

#include "flowlab/model/scenario.hpp"

namespace flowlab::ui {

class LessonPanel : public QTextBrowser {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);
    void showScenario(const model::Scenario& scenario);
    /// The same text as HTML, for the lesson browser's preview.
    static QString lessonHtml(const model::Scenario& scenario);
};

}  // namespace flowlab::ui
