#pragma once
/// The compare window's charts: each drawn once with both runs overlaid, A and B named by
/// their scenarios in their colours (compare_style.hpp). For the client both designs
/// share: P99 latency, availability and successful answers per second, each per 0.5 s
/// sample as in the main window's charts, with the figures since the start (what the
/// report and `flowlab-cli compare` quote) in the titles.

#include <QWidget>
#include <string>

#include "flowlab/run/frame.hpp"

class QHBoxLayout;

namespace flowlab::ui {

class TimeChart;

class CompareCharts : public QWidget {
    Q_OBJECT
public:
    CompareCharts(const QString& nameA, const QString& nameB, QWidget* parent = nullptr);

    /// The client charted: its index in A's and in B's nodes, and its id (for titles).
    void setClient(int indexA, int indexB, const std::string& id);
    void showFrames(const run::Frame& a, const run::Frame& b);

    TimeChart* latencyChart() const { return latency_; }
    TimeChart* availabilityChart() const { return availability_; }
    TimeChart* throughputChart() const { return throughput_; }

private:
    TimeChart* latency_;
    TimeChart* availability_;
    TimeChart* throughput_;
    int clientA_ = -1, clientB_ = -1;
    std::string clientId_;
};

}  // namespace flowlab::ui
