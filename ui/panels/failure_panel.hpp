#pragma once
/// Why requests failed: per client (named by its label), the count of each failure reason
/// since the run began.

#include <QTableWidget>

#include "flowlab/run/frame.hpp"

namespace flowlab::ui {

class ScenarioDocument;

class FailurePanel : public QTableWidget {
    Q_OBJECT
public:
    explicit FailurePanel(ScenarioDocument* document, QWidget* parent = nullptr);
    void showFrame(const run::Frame& frame);
    /// The count shown for a client and a reason, for tests.
    qint64 count(const QString& clientId, runtime::Reason reason) const;

    /// The header of a client's column (its label, as on the canvas).
    QString columnTitle(const QString& clientId) const;

private:
    ScenarioDocument* document_;
    QStringList clientIds_;  ///< per column
};

}  // namespace flowlab::ui
