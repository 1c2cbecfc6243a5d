#include "panels/transport_keys.hpp"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace flowlab::ui {

namespace {

/// The line edit a widget types into: itself, or the one inside a spin or combo box.
const QLineEdit* lineEditOf(const QWidget* widget) {
    if (const auto* line = qobject_cast<const QLineEdit*>(widget)) return line;
    if (qobject_cast<const QAbstractSpinBox*>(widget) || qobject_cast<const QComboBox*>(widget))
        return widget->findChild<const QLineEdit*>(QString(), Qt::FindDirectChildrenOnly);
    return nullptr;
}

/// Keys a text field would use even when nothing was typed into it yet: anything that
/// types a character (but Space, which this filter exists for) and the keys that move
/// the cursor or edit.
bool textFieldKey(const QKeyEvent* key) {
    if (key->key() == Qt::Key_Space) return false;
    switch (key->key()) {
        case Qt::Key_Left:
        case Qt::Key_Right:
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_Home:
        case Qt::Key_End:
        case Qt::Key_Backspace:
        case Qt::Key_Delete:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Escape: return true;
        default: break;
    }
    return !key->text().isEmpty() && key->text().at(0).isPrint();
}

}  // namespace

QList<QKeySequence> withKey(QKeySequence::StandardKey standard, const QKeySequence& key) {
    QList<QKeySequence> keys = QKeySequence::keyBindings(standard);
    if (!keys.contains(key)) keys << key;
    return keys;
}

TransportKeys::TransportKeys(QWidget* window) : QObject(window), window_(window) {
    qApp->installEventFilter(this);
}

TransportKeys::~TransportKeys() { qApp->removeEventFilter(this); }

void TransportKeys::add(QAction* action) { actions_ << action; }

bool TransportKeys::editingText(const QWidget* widget) {
    if (!widget) return false;
    if (const auto* text = qobject_cast<const QTextEdit*>(widget)) return !text->isReadOnly();
    if (const auto* text = qobject_cast<const QPlainTextEdit*>(widget)) return !text->isReadOnly();
    const QLineEdit* line = lineEditOf(widget);
    return line && !line->isReadOnly() && line->isModified();
}

QAction* TransportKeys::actionFor(const QKeyEvent* key) const {
    const QKeySequence pressed(key->keyCombination());
    for (QAction* action : actions_)
        if (action->isEnabled() && action->shortcuts().contains(pressed)) return action;
    return nullptr;
}

bool TransportKeys::eventFilter(QObject* watched, QEvent* event) {
    // A key press reaches a widget only when no shortcut took it: here, because a text
    // field claimed it (or the widget is in a floating dock, another window).
    if (event->type() != QEvent::KeyPress) return false;
    auto* widget = qobject_cast<QWidget*>(watched);
    if (!widget || (widget->window() != window_ && !window_->isAncestorOf(widget))) return false;
    const auto* key = static_cast<QKeyEvent*>(event);
    QAction* action = actionFor(key);
    if (!action) return false;
    if (lineEditOf(widget) || qobject_cast<QTextEdit*>(widget) ||
        qobject_cast<QPlainTextEdit*>(widget)) {
        if (textFieldKey(key) || editingText(widget)) return false;
    }
    action->trigger();
    return true;
}

}  // namespace flowlab::ui
