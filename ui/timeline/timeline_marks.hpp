#pragma once
/// What the timeline shows besides the time itself: fault windows (scheduled in the file,
/// and those given live, from the run's recording), lesson checkpoints, the recorded
/// inputs and user bookmarks, all in virtual seconds. Plain data, built from the scenario
/// and the newest frame, so that painting and the seek keys read one list.

#include <QString>
#include <vector>

#include "flowlab/model/scenario.hpp"

namespace flowlab::ui {

struct TimelineMarks {
    struct Window {
        double from_s = 0, to_s = -1;  ///< to -1: until the end of the run
        QString label;                 ///< "hang on Ledger DB"
        bool live = false;             ///< given during the run (recorded), not scheduled
        bool instant = false;          ///< happens at from_s and is over (a group's reset)
    };
    std::vector<Window> faults;
    std::vector<double> checkpoints;        ///< lesson steps' at_s, in step order
    std::vector<QString> checkpointTitles;  ///< the steps' titles, beside `checkpoints`
    std::vector<double> inputs;  ///< recorded inputs other than faults (set, redrive, ...)

    /// Scheduled faults and checkpoints from `scenario`, live ones from `recording`.
    static TimelineMarks from(const model::Scenario& scenario,
                              const std::vector<model::RecordedInput>& recording);
};

}  // namespace flowlab::ui
