#pragma once
/// Autosave of the open document, so a crash or a kill -9 loses at most one interval of
/// edits. Some time after an edit (30 s by default) the document is written with the
/// engine's atomic save to the app's data folder (QStandardPaths::AppDataLocation), under
/// a name derived from the document's path. A save, a discard or a clean close removes
/// it; an autosave still there and newer than its file at the next open is what a crash
/// left, and the window offers to recover it.

#include <QObject>
#include <QString>
#include <QTimer>

namespace flowlab::ui {

class ScenarioDocument;

class Autosave : public QObject {
    Q_OBJECT
public:
    static constexpr int defaultIntervalMs = 30000;

    explicit Autosave(ScenarioDocument* document, QObject* parent = nullptr);

    /// Time from the first unsaved edit to the autosave.
    void setInterval(int ms) { timer_.setInterval(ms); }
    /// Whether an autosave is due (an edit since the last autosave or save).
    bool pending() const { return timer_.isActive(); }

    /// Where the autosave of the document at `documentPath` goes ("" for an untitled one):
    /// <AppDataLocation>/autosave/<file name>-<hash of the absolute path>.json.
    static QString pathFor(const QString& documentPath);
    /// The autosave of `documentPath` if one exists and is newer than the file, else "".
    static QString recoverableFor(const QString& documentPath);

    /// Writes the document now if it has unsaved edits; returns "" or the error.
    QString saveNow();
    /// Removes the autosave this window wrote and cancels a pending one (after a save, a
    /// discard, a clean close, or before another document replaces this one).
    void discard();

signals:
    /// An autosave could not be written (the window says so in its status bar).
    void failed(const QString& message);

private:
    void onDocumentChanged();

    ScenarioDocument* document_;
    QTimer timer_;
    QString writtenPath_;  ///< the autosave file written last ("" when none)
};

}  // namespace flowlab::ui
