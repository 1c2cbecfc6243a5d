#pragma once
/// The scenario's scheduled faults on a time bar of the run: one row per fault, a bar
/// from its start to its heal (or to the end of the run), the run's clock as a line.
/// Add, edit and remove go through the document (undoable, and saved with the file);
/// the run restarts with the new plan, as the engine schedules faults at the start.

#include <QWidget>
#include <memory>

#include "flowlab/run/frame.hpp"

class QPushButton;

namespace flowlab::ui {

class FaultControls;
class FaultTimeline;
class ScenarioDocument;

class FaultsPanel : public QWidget {
    Q_OBJECT
public:
    FaultsPanel(ScenarioDocument* document, FaultControls* controls, QWidget* parent = nullptr);

    void showFrame(const run::Frame& frame);
    /// The rows as shown ("hang on Ledger DB (for 20 s)  20 s → 40 s"), for tests.
    QStringList rowTexts() const;
    int selectedRow() const;
    void selectRow(int row);
    /// Removes the selected fault (as the Remove button does).
    void removeSelected();

private:
    void refresh();

    ScenarioDocument* document_;
    FaultControls* controls_;
    FaultTimeline* timeline_;
    QPushButton* edit_;
    QPushButton* remove_;
};

}  // namespace flowlab::ui
