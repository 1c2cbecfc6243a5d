#pragma once
/// A guided lesson, one step at a time: the step's title and text, its checkpoint (the run
/// pauses there the first time it is reached), its question, and Previous / Next / "Run to
/// next checkpoint".
///
/// Checkpoints are armed in the engine (LiveRunner::arm_checkpoint), so the run stops at an
/// `at_s` exactly and at the first frame where a `when` holds, whatever the speed. A step's
/// `do` actions run as it is entered: faults go to the runner; highlight, speed and chart
/// focus are asked of the window by signals. A choice must be answered before Next; a
/// prediction is locked in, the run goes on to its at_s, and the answer is judged there
/// against the measured metric. Progress (the step reached) is remembered per lesson file
/// in QSettings when setRemembersProgress(true).

#include <QFrame>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"
#include "flowlab/run/lesson_steps.hpp"

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QVBoxLayout;

namespace flowlab::ui {

class LiveSession;

class LessonStepsPanel : public QFrame {
    Q_OBJECT
public:
    explicit LessonStepsPanel(LiveSession* session, QWidget* parent = nullptr);

    /// A newly opened scenario: its steps from the first (or the remembered one). `filePath`
    /// names the lesson for the remembered progress ("" for an unsaved scenario).
    void setLesson(const model::Scenario& scenario, const QString& filePath);
    /// Whether progress is read from and written to QSettings (off for --screenshot runs and
    /// tests, which must not depend on what a user did before).
    void setRemembersProgress(bool on) { remembers_ = on; }

    int stepCount() const { return int(steps_.size()); }
    int currentStep() const { return current_; }
    /// Enters step `index` (0-based), every step before it counting as done (--step N and
    /// the remembered progress). Out of range: nothing happens, false.
    bool goToStep(int index);
    /// Whether the current step is done: its checkpoint reached (or the run over), its
    /// choice answered, its prediction judged.
    bool stepDone() const;

    /// What the panel shows, for tests and --dump-watch style checks.
    QString titleText() const;
    QString statusText() const;
    QString feedbackText() const;
    QPushButton* nextButton() const { return next_; }
    QPushButton* previousButton() const { return previous_; }
    QPushButton* runButton() const { return run_; }
    QPushButton* answerButton() const { return answer_; }
    QLineEdit* predictionEdit() const { return prediction_; }
    QRadioButton* optionButton(int index) const;

public slots:
    /// Goes on to the next step when the current one is done; false when it is not (or it
    /// is the last). What a presenter's "next step" key calls.
    bool nextStep();
    void previousStep();
    /// Runs as fast as possible to the current step's checkpoint (or its prediction's at_s,
    /// once locked in); when the step is done, goes on to the next step and runs to its.
    void runToNextCheckpoint();
    /// Answers the question: the checked option, or the number typed as a prediction.
    void answer();

signals:
    void highlightRequested(const QStringList& nodeIds);
    void speedRequested(double speed);
    void chartRequested(const QString& nodeId);
    /// A step's inject (on) or clear (off) action: the window's one fault injection path.
    void faultRequested(const model::Fault& fault, bool on);
    void stepChanged(int index);

private:
    /// What the current step waits for in the run.
    enum class Wait { none, checkpoint, prediction };
    struct StepState {
        bool done = false;  ///< jumped over (restored progress, --step): counts as answered
        bool reached = false;
        double reachedS = 0;
        bool faultsInjected = false;  ///< its inject/clear actions ran (once per lesson open)
        int chosen = -1;
        std::optional<double> prediction;  ///< report units
        bool predictionReached = false;
        bool predictionMissed = false;  ///< the run was past at_s when the step armed it
        std::shared_ptr<const boost::json::object> predictionReport;
        std::optional<run::PredictionVerdict> verdict;
    };

    void onFrame(const std::shared_ptr<const run::Frame>& frame);
    void enterStep(int index);
    void runActions(const model::LessonStep& step, StepState& state);
    Wait waitFor() const;
    /// Arms the current step's checkpoint or prediction time in the engine if it waits for one.
    void armPending();
    void onReached(const run::Frame& frame);
    /// The run began again (reset, reload, or a restart after an edit): the current step's
    /// checkpoint and prediction time are waited for again.
    void onRunRestarted();
    void judge();
    void saveProgress() const;
    int restoredStep() const;
    void render();
    void renderQuestion();
    QString checkpointText() const;
    QString predictionFeedback() const;

    LiveSession* session_;
    std::vector<model::LessonStep> steps_;
    std::vector<StepState> states_;
    QString progressKey_;
    bool remembers_ = false;
    int current_ = 0;
    int nextCheckpointId_ = 0;
    int armedId_ = -1;
    Wait armedFor_ = Wait::none;
    std::uint64_t runSerial_ = 0;  ///< of the last frame seen
    bool runOver_ = false;

    QLabel* counter_;
    QLabel* title_;
    QLabel* text_;
    QLabel* status_;
    QLabel* question_;
    QVBoxLayout* optionsLayout_;
    QButtonGroup* options_;
    QLineEdit* prediction_;
    QLabel* unit_;
    QWidget* predictionRow_;
    QPushButton* answer_;
    QLabel* feedback_;
    QPushButton* previous_;
    QPushButton* next_;
    QPushButton* run_;
};

}  // namespace flowlab::ui
