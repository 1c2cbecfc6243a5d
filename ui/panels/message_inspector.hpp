#pragma once
/// One message or request, picked by clicking its token on the canvas or from the list
/// of what is in flight at the selected node: what it is, its id, the nodes it passed,
/// its attempts and redeliveries, its trace and its age.
///
/// Everything shown comes from the hop's runtime::HopSubject in the frame; a token is a
/// moment of a request's life, so the view says "as of t" and whether it has arrived.

#include <QHash>
#include <QWidget>
#include <optional>

#include "flowlab/run/frame.hpp"

class QFormLayout;
class QLabel;
class QListWidget;

namespace flowlab::ui {

class ScenarioDocument;

class MessageInspector : public QWidget {
    Q_OBJECT
public:
    explicit MessageInspector(ScenarioDocument* document, QWidget* parent = nullptr);

    /// Shows `hop`, taken from `frame` (or from the canvas's tokens of it).
    void showHop(const runtime::Hop& hop, const run::Frame& frame);
    /// Lists what travels to or from node `id` in each new frame ("" lists nothing).
    void setNode(const QString& id);
    void showFrame(const run::Frame& frame);

    /// The text of a field as shown: "what", "id", "request", "path", "attempt",
    /// "redeliveries", "trace", "age", "hop" (for tests).
    QString field(const QString& name) const;
    bool hasHop() const { return hop_.has_value(); }
    /// The node's list (tests pick from it as a click would).
    int listedCount() const;
    void pickListed(int row);

private:
    void render();
    void refreshList(const run::Frame& frame);
    QString pathText(const runtime::Hop& hop) const;

    ScenarioDocument* document_;
    std::optional<runtime::Hop> hop_;
    kernel::SimTime pickedAt_ = 0;
    kernel::SimTime now_ = 0;
    bool stillInFlight_ = false;
    QString node_;
    std::vector<runtime::Hop> listed_;
    QLabel* heading_;
    QFormLayout* form_;
    QHash<QString, QLabel*> fields_;
    QLabel* listTitle_;
    QListWidget* list_;
};

}  // namespace flowlab::ui
