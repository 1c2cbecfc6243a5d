#pragma once
/// Why requests failed: per client, the count of each failure reason since the run began.

#include <QTableWidget>

#include "flowlab/run/frame.hpp"

namespace flowlab::ui {

class ScenarioDocument;

class FailurePanel : public QTableWidget {
    Q_OBJECT
public:
    explicit FailurePanel(ScenarioDocument* document, QWidget* parent = nullptr);
    void showFrame(const run::Frame& frame);
    /// The count shown for a client and a reason (runtime::Reason order), for tests.
    qint64 count(const QString& clientId, int reason) const;

private:
    ScenarioDocument* document_;
};

}  // namespace flowlab::ui
