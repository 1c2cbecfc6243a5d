#pragma once
/// The compare window's watch panel: for each figure, A's value, B's value and the
/// difference B - A with its sign, coloured green when B is the better design by that
/// figure and red when it is the worse (grey when the figure has no better direction).
///
/// The figures are the shared client's availability, P50, P99 and throughput, read with
/// run::compare_client_figures from the two live reports (so at the end of the runs they
/// are exactly what `flowlab-cli compare` prints), then the pair's own watched figures.

#include <QJsonObject>
#include <optional>
#include <string>
#include <vector>
#include "panels/figure_column.hpp"

#include "flowlab/model/compare_pair.hpp"
#include "flowlab/run/frame.hpp"

class QVBoxLayout;

namespace flowlab::ui {

class CompareWatchCard;

class CompareWatch : public FigureColumn {
    Q_OBJECT
public:
    /// One figure as displayed.
    struct Entry {
        std::string metric;  ///< the report path ("clients.web.throughput_per_s" is computed)
        QString label;
        model::Better better = model::Better::unknown;
        /// One of run::compare_client_figures' figures (`key` inside its object), else
        /// a pair's own figure read from each report.
        bool clientFigure = false;
        std::string key;
        std::optional<double> a, b, delta;  ///< delta = b - a
        QString aText, bText, deltaText;    ///< as shown
        /// +1: B better, -1: B worse, 0: equal or no better direction.
        int verdict = 0;
    };

    explicit CompareWatch(QWidget* parent = nullptr);

    /// The client compared (present in both), and the pair's own figures.
    void setFigures(const std::string& client, const std::vector<model::ComparePairWatch>& extra);
    void showFrames(const run::Frame& a, const run::Frame& b);

    int entryCount() const { return int(entries_.size()); }
    const Entry& entry(int index) const { return entries_[size_t(index)]; }
    /// Virtual time of the frames whose values are shown.
    double shownTime() const { return shownTime_; }
    /// What the panel shows: {"t_s", "entries": [{"metric", "label", "a", "b", "delta",
    /// "better", "shown_a", "shown_b", "shown_delta"}]}, the texts read back from the cards.
    QJsonObject toJson() const;
    /// The font the values are drawn in (tests: readable from the back of a room).
    QFont valueFont() const;

private:
    void restyle();

    std::vector<Entry> entries_;
    std::vector<CompareWatchCard*> cards_;
    std::string client_;
    double shownTime_ = 0;
};

/// "+24.20 pp", "−3.0 ms", "±0": a difference with its sign and the figure's unit
/// (percentage points for a percentage).
QString formatDelta(const std::string& path, double delta);

}  // namespace flowlab::ui
