#pragma once
/// Lists the shipped lessons (scenarios/*.json) with a preview; accepting opens one. Below
/// them, a "Compare" section lists the compare pairs in the folder's compare/ sub-folder
/// (files in the `flowlab-compare-pair/1` format); accepting one opens compare mode.

#include <QDialog>

class QListWidget;
class QTextBrowser;

namespace flowlab::ui {

class LessonBrowser : public QDialog {
    Q_OBJECT
public:
    LessonBrowser(const QString& folder, QWidget* parent = nullptr);
    QString selectedPath() const;
    /// Whether the selected entry is a compare pair (else a lesson).
    bool selectedIsPair() const;
    /// Selects the entry whose file is `path` (tests); false when there is none.
    bool select(const QString& path);
    int lessonCount() const;
    int pairCount() const;

private:
    void addPairs(const QString& folder);

    QListWidget* list_;
    QTextBrowser* preview_;
};

/// The shipped scenarios folder: $FLOWLAB_SCENARIOS, then beside the binary, then the source tree.
QString scenariosFolder();

}  // namespace flowlab::ui
