#include "timeline/timeline_bar.hpp"

#include <QAction>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "theme/appearance.hpp"

namespace flowlab::ui {

namespace {

/// A tick step that gives about `wanted` labels over `span` seconds: 1, 2, 5 x 10^k.
double tickStep(double span, int wanted) {
    const double raw = span / std::max(1, wanted);
    const double magnitude = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-3))));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw) return m * magnitude;
    return 10 * magnitude;
}

QString secondsText(double s) {
    return QStringLiteral("%1 s").arg(s, 0, 'f', s < 10 && s != std::floor(s) ? 1 : 0);
}

const QColor playedColor(0x3b, 0x82, 0xc4);
const QColor faultColor(0xd3, 0x2f, 0x2f);
const QColor checkpointColor(0x6a, 0x3d, 0x9a);
const QColor bookmarkColor(0x1b, 0x7f, 0x3b);

}  // namespace

// ---- TimelineTrack ----

TimelineTrack::TimelineTrack(QWidget* parent) : QWidget(parent) {
    setMouseTracking(false);
    setCursor(Qt::PointingHandCursor);
    setToolTip(
        tr("The run's time: click or drag to go back to any moment played (the hatched "
           "part is the recorded future, replayed when the run passes it again). Red band: "
           "a fault's window (a red tick: one that is over at once); purple diamond: a "
           "lesson checkpoint; green flag: a bookmark (M). Point at a mark to see what it "
           "is."));
}

void TimelineTrack::setState(double nowS, double recordedUntilS, double durationS,
                             const TimelineMarks* marks, const std::vector<double>* bookmarks) {
    nowS_ = nowS;
    recordedUntilS_ = std::max(recordedUntilS, nowS);
    durationS_ = durationS;
    marks_ = marks;
    bookmarks_ = bookmarks;
    // The axis holds the planned run and all that was played, so that now never sits at
    // the right edge while the run goes on.
    axisEndS_ = std::max({durationS_, recordedUntilS_ * 1.05, 1.0});
    update();
}

QSize TimelineTrack::sizeHint() const {
    const QFontMetrics fm(font());
    // A thin band (every pixel here comes off the graph or the charts at 1280x720), with
    // the time labels under it.
    return {400, bandHeight + fm.height() + 4};
}

QSize TimelineTrack::minimumSizeHint() const { return {120, sizeHint().height()}; }

QRect TimelineTrack::band() const {
    const int labels = QFontMetrics(font()).height() + 2;
    return QRect(6, 2, std::max(10, width() - 12), std::max(bandHeight, height() - labels - 4));
}

double TimelineTrack::timeAt(int x) const {
    const QRect b = band();
    return std::clamp(double(x - b.left()) / b.width(), 0.0, 1.0) * axisEndS_;
}

int TimelineTrack::xAt(double seconds) const {
    const QRect b = band();
    return b.left() + int(std::lround(seconds / axisEndS_ * b.width()));
}

void TimelineTrack::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const ThemeColors& c = Appearance::instance().colors();
    const QRect b = band();
    p.fillRect(b, c.chartBackground);
    p.setPen(c.chartGrid);
    p.drawRect(b.adjusted(0, 0, -1, -1));
    const int nowX = xAt(nowS_);
    // Played up to now; the recorded future beyond it, hatched.
    p.fillRect(QRect(QPoint(b.left(), b.top()), QPoint(nowX, b.bottom())),
               playedColor.lighter(150));
    if (recordedUntilS_ > nowS_) {
        const QRect future(QPoint(nowX, b.top()), QPoint(xAt(recordedUntilS_), b.bottom()));
        p.fillRect(future, QBrush(playedColor.lighter(120), Qt::BDiagPattern));
    }
    paintMarks(p, b);
    paintTicks(p, b);
    p.setPen(QPen(c.chartText, 2));
    p.drawLine(nowX, b.top() - 1, nowX, b.bottom() + 1);
}

void TimelineTrack::paintMarks(QPainter& p, const QRect& b) {
    if (marks_) {
        // Faults in the lower half: scheduled ones solid, live ones lighter; one that is
        // over at once (a group's reset) as a tick across the band.
        const int h = std::max(4, b.height() / 2);
        for (const auto& f : marks_->faults) {
            const double to = f.to_s < 0 ? axisEndS_ : f.to_s;
            QColor fill = faultColor;
            fill.setAlpha(f.live ? 140 : 200);
            if (f.instant) {
                p.fillRect(QRect(xAt(f.from_s) - 1, b.top(), 3, b.height()), fill);
                continue;
            }
            p.fillRect(QRect(QPoint(xAt(f.from_s), b.bottom() - h + 1),
                             QPoint(std::max(xAt(f.from_s) + 2, xAt(to)), b.bottom())),
                       fill);
        }
        p.setPen(QPen(checkpointColor, 2));
        for (double s : marks_->checkpoints) {
            const int x = xAt(s);
            const QPolygon diamond(
                {{x, b.top()}, {x + 4, b.top() + 4}, {x, b.top() + 8}, {x - 4, b.top() + 4}});
            p.setBrush(checkpointColor);
            p.drawPolygon(diamond);
        }
        p.setBrush(Qt::NoBrush);
        for (double s : marks_->inputs) {
            const int x = xAt(s);
            p.setPen(QPen(faultColor.darker(150), 1));
            p.drawLine(x, b.center().y() - 3, x, b.center().y() + 3);
        }
    }
    if (bookmarks_) {
        p.setPen(QPen(bookmarkColor, 2));
        p.setBrush(bookmarkColor);
        // Flags at the bottom, so that a bookmark on a checkpoint (a diamond at the top)
        // leaves both visible.
        for (double s : *bookmarks_) {
            const int x = xAt(s);
            p.drawLine(x, b.top(), x, b.bottom());
            p.drawPolygon(
                QPolygon({{x, b.bottom()}, {x + 7, b.bottom() - 3}, {x, b.bottom() - 6}}));
        }
    }
}

void TimelineTrack::paintTicks(QPainter& p, const QRect& b) {
    const ThemeColors& c = Appearance::instance().colors();
    const QFontMetrics fm(font());
    const int labelWidth = fm.horizontalAdvance(QStringLiteral("0000 s")) + 12;
    const double step = tickStep(axisEndS_, std::max(2, b.width() / labelWidth));
    p.setPen(c.chartText);
    for (double s = 0; s <= axisEndS_ + 1e-9; s += step) {
        const int x = xAt(s);
        p.drawLine(x, b.bottom(), x, b.bottom() + 3);
        const QString text = secondsText(s);
        const int w = fm.horizontalAdvance(text);
        const int left = std::clamp(x - w / 2, 0, width() - w);
        p.drawText(QPoint(left, b.bottom() + 3 + fm.ascent()), text);
    }
}

QString TimelineTrack::marksAt(int x) const {
    constexpr int reach = 5;  // pixels either side: the marks are thin
    auto near = [&](double s) { return std::abs(xAt(s) - x) <= reach; };
    QStringList lines;
    if (marks_) {
        for (std::size_t i = 0; i < marks_->checkpoints.size(); ++i)
            if (near(marks_->checkpoints[i]))
                lines << tr("Checkpoint at %1: %2")
                             .arg(secondsText(marks_->checkpoints[i]),
                                  marks_->checkpointTitles.at(i));
        for (const auto& f : marks_->faults) {
            const double to = f.to_s < 0 ? axisEndS_ : f.to_s;
            const bool over =
                f.instant ? near(f.from_s) : x >= xAt(f.from_s) - reach && x <= xAt(to) + reach;
            if (!over) continue;
            const QString when =
                f.instant    ? tr("at %1").arg(secondsText(f.from_s))
                : f.to_s < 0 ? tr("from %1").arg(secondsText(f.from_s))
                             : tr("from %1 to %2").arg(secondsText(f.from_s), secondsText(to));
            lines
                << tr("%1 %2 (%3)").arg(f.label, when, f.live ? tr("given live") : tr("scheduled"));
        }
        for (double s : marks_->inputs)
            if (near(s))
                lines << tr("Input recorded at %1 (an edit, redrive or continue)")
                             .arg(secondsText(s));
    }
    if (bookmarks_)
        for (double s : *bookmarks_)
            if (near(s)) lines << tr("Bookmark at %1").arg(secondsText(s));
    return lines.join(QLatin1Char('\n'));
}

bool TimelineTrack::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString marks = marksAt(help->pos().x());
        if (!marks.isEmpty()) {
            QToolTip::showText(help->globalPos(), marks, this);
            return true;
        }
    }
    return QWidget::event(event);  // elsewhere, the general tooltip
}

void TimelineTrack::seekTo(int x) {
    const double s = std::min(timeAt(x), recordedUntilS_);
    if (std::abs(s - lastSeekS_) < 1e-9) return;
    lastSeekS_ = s;
    emit seekRequested(s);
}

void TimelineTrack::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    dragging_ = true;
    lastSeekS_ = -1;
    seekTo(event->position().toPoint().x());
}

void TimelineTrack::mouseMoveEvent(QMouseEvent* event) {
    if (!dragging_) return QWidget::mouseMoveEvent(event);
    // While dragging, the newest position wins: a seek takes a moment, and LiveRunner
    // runs them in order, so only a moved pointer asks again.
    seekTo(event->position().toPoint().x());
}

void TimelineTrack::mouseReleaseEvent(QMouseEvent* event) {
    if (dragging_) seekTo(event->position().toPoint().x());
    dragging_ = false;
}

// ---- TimelineBar ----

TimelineBar::TimelineBar(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(4);
    track_ = new TimelineTrack(this);
    layout->addWidget(track_, 1);
    bookmark_ = new QAction(tr("Bookmark"), this);
    bookmark_->setShortcut(QKeySequence(Qt::Key_M));
    bookmark_->setToolTip(tr("Bookmark this moment (M); the menu jumps to a bookmark"));
    connect(bookmark_, &QAction::triggered, this, [this] { addBookmark(nowS_); });
    bookmarkButton_ = new QToolButton(this);
    bookmarkButton_->setDefaultAction(bookmark_);
    bookmarkButton_->setPopupMode(QToolButton::MenuButtonPopup);
    bookmarkButton_->setMenu(new QMenu(bookmarkButton_));
    layout->addWidget(bookmarkButton_);
    abandonedButton_ = new QToolButton(this);
    abandonedButton_->setText(tr("Open abandoned future as compare B"));
    abandonedButton_->setToolTip(
        tr("An input given in the past started a new future; the old one is kept. Open it "
           "beside this run."));
    abandonedButton_->hide();
    connect(abandonedButton_, &QToolButton::clicked, this,
            &TimelineBar::openAbandonedFutureRequested);
    layout->addWidget(abandonedButton_);
    connect(track_, &TimelineTrack::seekRequested, this, &TimelineBar::seekRequested);

    start_ = new QAction(tr("Timeline: go to the start"), this);
    start_->setShortcut(QKeySequence(Qt::Key_Home));
    connect(start_, &QAction::triggered, this, [this] { emit seekRequested(0); });
    end_ = new QAction(tr("Timeline: go to the furthest time played"), this);
    end_->setShortcut(QKeySequence(Qt::Key_End));
    connect(end_, &QAction::triggered, this, [this] { emit seekRequested(recordedUntilS_); });
    previous_ = new QAction(tr("Timeline: previous mark"), this);
    previous_->setShortcut(QKeySequence(Qt::Key_BracketLeft));
    connect(previous_, &QAction::triggered, this, [this] {
        if (const double s = neighbourMark(false); s >= 0) emit seekRequested(s);
    });
    next_ = new QAction(tr("Timeline: next mark"), this);
    next_->setShortcut(QKeySequence(Qt::Key_BracketRight));
    connect(next_, &QAction::triggered, this, [this] {
        if (const double s = neighbourMark(true); s >= 0) emit seekRequested(s);
    });
    updateBookmarkMenu();
}

TimelineBar::~TimelineBar() = default;

QList<QAction*> TimelineBar::keyActions() const {
    return {bookmark_, start_, end_, previous_, next_};
}

void TimelineBar::setScenario(const model::Scenario& scenario) {
    scenario_ = scenario;
    bookmarks_.clear();
    updateBookmarkMenu();
    rebuildMarks();
}

void TimelineBar::showFrame(const run::Frame& frame) {
    nowS_ = kernel::to_s(frame.now);
    recordedUntilS_ = std::max(frame.recorded_until_s, nowS_);
    if (frame.recorded_run != recorded_) {
        recorded_ = frame.recorded_run;
        rebuildMarks();
    }
    abandonedButton_->setVisible(frame.abandoned_run != nullptr);
    const double duration = scenario_.run.duration_s.value_or(60.0);
    track_->setState(nowS_, recordedUntilS_, duration, &marks_, &bookmarks_);
}

void TimelineBar::rebuildMarks() {
    static const std::vector<model::RecordedInput> none;
    marks_ = TimelineMarks::from(scenario_, recorded_ ? recorded_->recording : none);
    track_->update();
}

void TimelineBar::addBookmark(double seconds) {
    if (std::find(bookmarks_.begin(), bookmarks_.end(), seconds) != bookmarks_.end()) return;
    bookmarks_.insert(std::upper_bound(bookmarks_.begin(), bookmarks_.end(), seconds), seconds);
    updateBookmarkMenu();
    track_->update();
}

void TimelineBar::updateBookmarkMenu() {
    QMenu* menu = bookmarkButton_->menu();
    menu->clear();
    if (bookmarks_.empty()) menu->addAction(tr("No bookmarks yet: press M"))->setEnabled(false);
    for (std::size_t i = 0; i < bookmarks_.size(); ++i) {
        const double s = bookmarks_[i];
        menu->addAction(tr("Bookmark %1 at %2 s").arg(i + 1).arg(s, 0, 'f', 1), this,
                        [this, s] { emit seekRequested(s); });
    }
    bookmark_->setText(bookmarks_.empty() ? tr("Bookmark")
                                          : tr("Bookmark (%1)").arg(bookmarks_.size()));
}

double TimelineBar::neighbourMark(bool forward) const {
    std::vector<double> all(bookmarks_.begin(), bookmarks_.end());
    all.insert(all.end(), marks_.checkpoints.begin(), marks_.checkpoints.end());
    all.insert(all.end(), marks_.inputs.begin(), marks_.inputs.end());
    for (const auto& f : marks_.faults) all.push_back(f.from_s);
    double best = -1;
    constexpr double eps = 1e-6;
    for (double s : all) {
        if (s > recordedUntilS_ + eps) continue;  // not played yet: nothing to show there
        if (forward && s > nowS_ + eps && (best < 0 || s < best)) best = s;
        if (!forward && s < nowS_ - eps && s > best) best = s;
    }
    return best;
}

}  // namespace flowlab::ui
