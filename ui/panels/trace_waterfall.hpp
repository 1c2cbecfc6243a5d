#pragma once
/// Paints a TraceLayout as a waterfall: node names indented by depth on the left, one
/// bar per span on a shared axis in ms, red for failed spans, open spans fading out at
/// "now", the wait in a queue as a dotted lead-in, and orphan trees under an amber
/// heading that says their context was lost.

#include <QWidget>

#include "panels/trace_layout.hpp"

namespace flowlab::ui {

class TraceWaterfall : public QWidget {
    Q_OBJECT
public:
    explicit TraceWaterfall(QWidget* parent = nullptr);

    void setTrace(const TraceLayout& layout);
    const TraceLayout& traceLayout() const { return layout_; }
    /// What to say when there is no trace to draw.
    void setEmptyText(const QString& text);

    /// Vertical position of a row's top (tests, tooltips).
    int rowTop(int row) const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    static constexpr int rowHeight = 24;
    static constexpr int headingHeight = 22;
    static constexpr int axisHeight = 24;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    int nameWidth() const;
    int rowAt(int y) const;

    TraceLayout layout_;
    QString emptyText_;
};

}  // namespace flowlab::ui
