#pragma once
/// The timeline under the canvas: the run's time axis with the part played, the recorded
/// future (played before, replayed when the run passes it again) drawn hatched, fault
/// windows, lesson checkpoints, recorded inputs and the user's bookmarks. Clicking or
/// dragging seeks (LiveRunner::seek_to); the bookmark button (M) marks the current time,
/// its menu lists the bookmarks to jump to. After a fork, a button offers the abandoned
/// future as compare B.

#include <QWidget>
#include <memory>
#include <vector>

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"
#include "timeline/timeline_marks.hpp"

class QAction;
class QToolButton;

namespace flowlab::ui {

class TimelineTrack;

class TimelineBar : public QWidget {
    Q_OBJECT
public:
    explicit TimelineBar(QWidget* parent = nullptr);
    ~TimelineBar() override;

    /// The open scenario: its duration, scheduled faults and lesson checkpoints.
    void setScenario(const model::Scenario& scenario);
    void showFrame(const run::Frame& frame);

    /// Bookmarks, in virtual seconds, sorted.
    const std::vector<double>& bookmarks() const { return bookmarks_; }
    void addBookmark(double seconds);
    /// The time the bar shows as now, and how far the run has been played.
    double nowS() const { return nowS_; }
    double recordedUntilS() const { return recordedUntilS_; }
    const TimelineMarks& marks() const { return marks_; }
    /// The keys: M bookmark, Home start, End the furthest time played, [ and ] the previous
    /// and next mark (bookmark, checkpoint, fault start, input).
    QList<QAction*> keyActions() const;
    /// The track's time at x (in the track's coordinates), for tests and the mouse.
    TimelineTrack* track() const { return track_; }
    QToolButton* abandonedButton() const { return abandonedButton_; }

signals:
    void seekRequested(double seconds);
    void openAbandonedFutureRequested();

private:
    void rebuildMarks();
    void updateBookmarkMenu();
    /// The nearest mark strictly before (`forward` false) or after now, or -1.
    double neighbourMark(bool forward) const;

    TimelineTrack* track_;
    QToolButton* bookmarkButton_;
    QToolButton* abandonedButton_;
    QAction* bookmark_;
    QAction* start_;
    QAction* end_;
    QAction* previous_;
    QAction* next_;
    model::Scenario scenario_;
    std::shared_ptr<const model::Scenario> recorded_;
    TimelineMarks marks_;
    std::vector<double> bookmarks_;
    double nowS_ = 0, recordedUntilS_ = 0;
};

/// The painted axis of the bar (its own widget, so that the buttons keep their room).
class TimelineTrack : public QWidget {
    Q_OBJECT
public:
    /// The band's height in pixels: thin, the labels go under it.
    static constexpr int bandHeight = 12;
    explicit TimelineTrack(QWidget* parent = nullptr);

    void setState(double nowS, double recordedUntilS, double durationS, const TimelineMarks* marks,
                  const std::vector<double>* bookmarks);
    /// The time axis spans 0 to this.
    double axisEndS() const { return axisEndS_; }
    double timeAt(int x) const;
    int xAt(double seconds) const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    /// What the marks within a few pixels of `x` are, a line each ("hang on Ledger DB from
    /// 20 s to 40 s (scheduled)", "Checkpoint at 20 s: The ledger hangs"): the tooltip
    /// there; "" where there is none.
    QString marksAt(int x) const;

signals:
    void seekRequested(double seconds);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QRect band() const;
    void paintTicks(class QPainter& p, const QRect& band);
    void paintMarks(class QPainter& p, const QRect& band);
    void seekTo(int x);

    double nowS_ = 0, recordedUntilS_ = 0, durationS_ = 60, axisEndS_ = 60;
    const TimelineMarks* marks_ = nullptr;
    const std::vector<double>* bookmarks_ = nullptr;
    bool dragging_ = false;
    double lastSeekS_ = -1;
};

}  // namespace flowlab::ui
