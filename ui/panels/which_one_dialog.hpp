#pragma once
/// Help > Which one?: walks the decision tree (which_one.hpp) one question at a time, then
/// shows the answer, its reason and a button for each installed lesson that shows it.

#include <QDialog>
#include <QStringList>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace flowlab::ui {

class WhichOneDialog : public QDialog {
    Q_OBJECT
public:
    /// `lessonsFolder`: where the lesson files are (scenariosFolder()).
    explicit WhichOneDialog(const QString& lessonsFolder, QWidget* parent = nullptr);

    /// The step shown now (a question or an answer).
    QString currentStep() const { return path_.back(); }
    /// Answers the current question (tests and the Yes / No buttons).
    void answer(bool yes);
    void back();
    void startOver();
    /// The lesson files the current answer offers (existing files only).
    QStringList offeredLessons() const { return offered_; }
    QPushButton* lessonButton(int i) const { return lessonButtons_.value(i); }

signals:
    /// A lesson button was pressed: open this file.
    void lessonChosen(const QString& path);

private:
    void show(const QString& id);

    QString folder_;
    QStringList path_;  ///< the steps from the first question to the current one
    QList<bool> answers_;
    QLabel* trail_;
    QLabel* text_;
    QLabel* reason_;
    QPushButton* yes_;
    QPushButton* no_;
    QPushButton* back_;
    QVBoxLayout* lessons_;
    QList<QPushButton*> lessonButtons_;
    QStringList offered_;
};

}  // namespace flowlab::ui
