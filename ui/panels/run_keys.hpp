#pragma once
/// The run's keyboard actions beyond the toolbar's play, step and reset: back a few
/// seconds, faster, slower, the lesson's next step, and the lesson's fault on and off.
/// In presenter mode the arrows and Page Up/Down (what a presenter's remote sends) join
/// the letter keys.
///
/// | key                    | action                                   |
/// | Space                  | play / pause (the toolbar's action)      |
/// | S, (presenter) →       | step to the next hop                     |
/// | B, (presenter) ←, PgUp | back `backSeconds` of virtual time       |
/// | +, (presenter) ↑       | twice as fast                            |
/// | -, (presenter) ↓       | half as fast                             |
/// | N, (presenter) PgDn    | the lesson's next step                   |
/// | F                      | inject / clear the lesson's faults       |

#include <QObject>

#include "flowlab/model/scenario.hpp"

class QAction;

namespace flowlab::ui {

class LiveSession;
class RunControls;
class ScenarioDocument;

class RunKeys : public QObject {
    Q_OBJECT
public:
    /// Virtual seconds the back key goes back.
    static constexpr double backSeconds = 5.0;

    RunKeys(LiveSession* session, RunControls* controls, ScenarioDocument* document,
            QObject* parent = nullptr);

    QAction* back() const { return back_; }
    QAction* faster() const { return faster_; }
    QAction* slower() const { return slower_; }
    QAction* step() const { return step_; }
    QAction* nextLessonStep() const { return next_; }
    QAction* lessonFault() const { return fault_; }
    QList<QAction*> all() const;
    /// Adds (or removes) the presenter's arrow and page keys.
    void setPresenterKeys(bool on);

signals:
    /// The lesson's next step was asked for (the lesson panel's steps answer it).
    void nextLessonStepRequested();
    /// What happened, for the status bar.
    void message(const QString& text);
    /// Start (on) or heal (off) `fault` now: the window's one fault injection path.
    void faultRequested(const model::Fault& fault, bool on);

private:
    void toggleLessonFault();

    LiveSession* session_;
    RunControls* controls_;
    ScenarioDocument* document_;
    QAction* back_;
    QAction* faster_;
    QAction* slower_;
    QAction* step_;
    QAction* next_;
    QAction* fault_;
};

}  // namespace flowlab::ui
