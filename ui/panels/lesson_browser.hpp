#pragma once
/// Lists the shipped lessons (scenarios/*.json) with a preview; accepting opens one.

#include <QDialog>

class QListWidget;
class QTextBrowser;

namespace flowlab::ui {

class LessonBrowser : public QDialog {
    Q_OBJECT
public:
    LessonBrowser(const QString& folder, QWidget* parent = nullptr);
    QString selectedPath() const;
    int lessonCount() const;

private:
    QListWidget* list_;
    QTextBrowser* preview_;
};

/// The shipped scenarios folder: $FLOWLAB_SCENARIOS, then beside the binary, then the source tree.
QString scenariosFolder();

}  // namespace flowlab::ui
