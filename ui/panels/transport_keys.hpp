#pragma once
/// The keys that drive a run (Space, step, back, speed, the lesson's fault), working
/// wherever the focus is in the window unless the focused widget is taking text.
///
/// Qt's shortcuts already fire wherever focus is, except in a widget that claims the key
/// first: a line edit (or a spin box's) claims Space and every printable key. This filter
/// takes Space, and keys that type nothing (Page Up/Down, F11), back from a line edit the
/// user has not typed into since it got focus or was committed: a click into a field
/// followed by Space plays; a field being edited gets its space. Arrows and printable keys
/// always stay with a text widget.

#include <QKeySequence>
#include <QList>
#include <QObject>

class QAction;
class QKeyEvent;
class QWidget;

namespace flowlab::ui {

/// The platform's keys for `standard`, and `key` when it is not one of them (some
/// platforms bind none; a key listed twice on one action is ambiguous and fires neither).
QList<QKeySequence> withKey(QKeySequence::StandardKey standard, const QKeySequence& key);

class TransportKeys : public QObject {
    Q_OBJECT
public:
    /// Installs itself on the application for the keys of `window` (and its floating docks).
    explicit TransportKeys(QWidget* window);
    ~TransportKeys() override;

    /// An action whose shortcuts this routes out of idle text fields.
    void add(QAction* action);
    /// Whether `widget` is taking text now: a text editor, or a line edit (alone, in a
    /// spin box or a combo box) that the user has typed into since it was last committed.
    static bool editingText(const QWidget* widget);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QAction* actionFor(const QKeyEvent* key) const;

    QWidget* window_;
    QList<QAction*> actions_;
};

}  // namespace flowlab::ui
