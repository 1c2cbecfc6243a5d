#pragma once
/// Reading and writing scenario files for the GUI, on top of the engine's parse/save.

#include <QString>
#include <QStringList>
#include <optional>

#include "flowlab/model/scenario.hpp"

namespace flowlab::ui {

struct ScenarioLoad {
    std::optional<model::Scenario> scenario;  ///< set only when the file has no problem
    QStringList errors;                       ///< "file:line:column: path: message", one each
};

/// Loads and validates a file; a file with any problem gives no scenario and all messages.
ScenarioLoad loadScenarioFile(const QString& path);

/// Writes the scenario atomically (model::save_scenario_file): the old file survives a
/// failed save. Returns "" on success, else a message naming the file and the reason.
QString saveScenarioFile(const model::Scenario& scenario, const QString& path);

/// `path` with `.json` appended unless it ends so (in any case): the open dialog lists
/// *.json only, so a file saved without the suffix would seem lost.
QString withJsonSuffix(const QString& path);

}  // namespace flowlab::ui
