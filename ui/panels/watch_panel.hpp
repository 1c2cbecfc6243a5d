#pragma once
/// The lesson's watched figures, live and large enough to read from the back of a room:
/// each entry shows its label, the current value, the value it is held against, and
/// whether the two agree yet.
///
/// Values come from the frame's report (the one the CLI prints for the same time), so
/// the last value shown equals the final report. The verdict is run::watch_agrees; while
/// the run goes on a disagreement reads "not yet" (amber), never "wrong": most references
/// only hold once enough requests have been counted.

#include <QJsonObject>
#include <optional>
#include <vector>
#include "panels/figure_column.hpp"

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"

class QLabel;
class QVBoxLayout;

namespace flowlab::ui {

class WatchEntryWidget;

class WatchPanel : public FigureColumn {
    Q_OBJECT
public:
    enum class Verdict { none, agrees, notYet, differs };

    /// One watched figure as displayed.
    struct Entry {
        model::WatchItem item;
        std::optional<double> value;      ///< the report's number (availability as a fraction)
        std::optional<double> reference;  ///< `expect`, or the number at `against`
        std::optional<bool> agrees;       ///< run::watch_agrees
        Verdict verdict = Verdict::none;
        QString valueText;      ///< as shown: "99.70 %"
        QString referenceText;  ///< as shown: "theory 99.70 %", "= redelivered 76", "expect 0"
    };

    /// Narrower, and a value with its reference ("99.70 %  theory 99.70 % ± 0.10 %") wraps
    /// into a column that is hard to read at a distance.
    static constexpr int minimumColumnWidth = 280;

    explicit WatchPanel(QWidget* parent = nullptr);

    /// Builds one entry per watch item that names a metric (prose-only items stay in the
    /// lesson text).
    void setScenario(const model::Scenario& scenario);
    void showFrame(const run::Frame& frame);

    int entryCount() const { return int(entries_.size()); }
    const Entry& entry(int index) const { return entries_[size_t(index)]; }
    /// The widget drawn for an entry (tests click it).
    QWidget* entryWidget(int index) const;
    /// The font an entry's value is drawn in (tests: readable from the back of a room).
    QFont valueFont(int index) const;
    /// The entry last clicked, or -1.
    int selectedEntry() const { return selected_; }
    void setSelectedEntry(int index);
    /// Virtual time of the frame whose values are shown.
    double shownTime() const { return shownTime_; }
    /// What the panel shows, for --dump-watch: {"t_s", "watch": [{"metric", "label",
    /// "value", "reference", "agrees", "shown", "reference_shown"}]}.
    QJsonObject toJson() const;

    QSize sizeHint() const override;

signals:
    /// neededWidth() changed (a figure grew: 64 -> 1,064), in presenter mode.
    void neededWidthChanged();
    /// An entry was clicked; `nodeId` is the node its metric is about ("" for none).
    void entryClicked(int index, const QString& nodeId);

private:
    void updateEntryWidget(size_t index);
    /// Text sizes and colours from the theme and the text scale.
    void restyle();

    std::vector<Entry> entries_;
    std::vector<WatchEntryWidget*> widgets_;
    QLabel* placeholder_;
    int selected_ = -1;
    int contentMinWidth_ = 0;  ///< the content's minimum width when last laid out
    double shownTime_ = 0;
};

}  // namespace flowlab::ui
