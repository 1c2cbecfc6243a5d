#pragma once
/// The open scenario's challenge: the brief, the goals live (green when the run so far
/// meets one, red when not), the budget spent, hints one at a time, and "Check my design",
/// which grades the design as `flowlab-cli check --against` does, on a worker thread.
///
/// The goals are judged with run::judge_goals on the frame's report (one report: the run so
/// far), so a goal is green exactly when the CLI's `run --until` report would meet it. The
/// check grades against the challenge as it was opened, so a design that deletes the fault
/// or edits a locked node is told it is not a fair answer (docs/challenges.md).

#include <QScrollArea>
#include <optional>
#include <thread>
#include <vector>

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/challenge.hpp"
#include "flowlab/run/frame.hpp"

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace flowlab::ui {

class GoalRow;
class ScenarioDocument;

class ChallengePanel : public QScrollArea {
    Q_OBJECT
public:
    /// A goal as shown live.
    struct GoalState {
        std::optional<double> value;  ///< the run so far's figure; nullopt before a frame
        std::optional<bool> met;      ///< nullopt before a frame
    };

    explicit ChallengePanel(ScenarioDocument* document, QWidget* parent = nullptr);
    ~ChallengePanel() override;

    /// The scenario as opened: its challenge is what the design is graded against. Hints
    /// start hidden again and any verdict goes.
    void setChallenge(const model::Scenario& opened);
    bool hasChallenge() const { return opened_.challenge.has_value(); }
    void showFrame(const run::Frame& frame);

    int goalCount() const { return int(goals_.size()); }
    const GoalState& goalState(int index) const { return goals_[size_t(index)]; }
    /// The background colour a goal's row shows now (tests: green when met, red when not).
    QColor goalColor(int index) const;
    QString budgetText() const;
    int shownHints() const { return shownHints_; }
    QPushButton* hintButton() const { return hintButton_; }
    QPushButton* checkButton() const { return checkButton_; }
    bool checking() const { return checking_; }
    /// The last verdict of "Check my design" for the open challenge.
    const std::optional<run::CheckResult>& verdict() const { return verdict_; }
    QString verdictText() const;
    /// Replications of "Check my design" (default 5, as the CLI).
    void setReplications(int replications) { options_.replications = replications; }

    /// Reveals the next hint.
    void showHint();
    /// Grades the current design on a worker thread; checkFinished follows.
    void checkDesign();

signals:
    void checkFinished(bool passed);

private:
    struct Outcome {
        std::optional<run::CheckResult> result;
        QString error;
    };
    void rebuildGoals();
    void updateBudget();
    void updateHints();
    void finishCheck(const Outcome& outcome, int generation);

    ScenarioDocument* document_;
    model::Scenario opened_;
    run::CheckOptions options_;
    QLabel* brief_;
    QVBoxLayout* goalLayout_;
    std::vector<GoalRow*> goalRows_;
    std::vector<GoalState> goals_;
    QLabel* budget_;
    QPushButton* hintButton_;
    QVBoxLayout* hintLayout_;
    std::vector<QLabel*> hintLabels_;
    int shownHints_ = 0;
    QPushButton* checkButton_;
    QLabel* checkStatus_;
    QLabel* verdictLabel_;
    std::optional<run::CheckResult> verdict_;
    bool checking_ = false;
    /// Bumped on every new challenge: a check of an older one is not shown.
    int generation_ = 0;
    std::thread worker_;
};

}  // namespace flowlab::ui
