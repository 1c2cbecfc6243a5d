#include "panels/faults_panel.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>
#include <functional>

#include "canvas/node_style.hpp"
#include "document/scenario_document.hpp"
#include "panels/fault_controls.hpp"
#include "panels/fault_dialog.hpp"

namespace flowlab::ui {

namespace {
/// A bar's colour says what kind of trouble it is: outages red, stuck slate, slowness
/// amber (as blocked threads), load purple, bad messages brown.
QColor faultColor(model::FaultKind kind) {
    using model::FaultKind;
    switch (kind) {
        case FaultKind::down:
        case FaultKind::crash: return failureColor();
        case FaultKind::errors: return failureColor().lighter(130);
        case FaultKind::hang: return hungColor();
        case FaultKind::slow:
        case FaultKind::pause: return blockedColor();
        case FaultKind::spike: return QColor(0x7b, 0x1f, 0xa2);
        case FaultKind::poison: return QColor(0x79, 0x55, 0x48);
        case FaultKind::reset: return webhookColor().darker(110);
    }
    return failureColor();
}
}  // namespace

/// The rows and bars (no Qt signals: the panel hands it callbacks).
class FaultTimeline : public QWidget {
public:
    explicit FaultTimeline(QWidget* parent) : QWidget(parent) {
        setMinimumHeight(60);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }

    std::function<void(int)> onSelect, onOpen;
    const model::Scenario* scenario = nullptr;
    double now_s = 0;
    bool finished = false;
    int selected = -1;

    int rowHeight() const { return fontMetrics().height() + 10; }
    int axisHeight() const { return fontMetrics().height() + 6; }
    /// The end of the time axis: the run's duration, or later if a fault or the clock is.
    double axisEnd() const {
        double end = scenario && scenario->run.duration_s ? *scenario->run.duration_s : 10.0;
        if (scenario)
            for (const auto& f : scenario->faults)
                end = std::max(end, f.at_s + f.for_s.value_or(0));
        return std::max(end, now_s);
    }
    /// "20 s → 40 s", "15 s, once" (a poison burst), "30 s → end".
    QString whenText(int i) const {
        const model::Fault& f = scenario->faults[size_t(i)];
        if (f.kind == model::FaultKind::poison) return QStringLiteral("%1 s, once").arg(f.at_s);
        return f.for_s ? QStringLiteral("%1 s → %2 s").arg(f.at_s).arg(f.at_s + *f.for_s)
                       : QStringLiteral("%1 s → end").arg(f.at_s);
    }
    QString rowText(int i) const {
        return QStringLiteral("%1  %2").arg(faultTitle(*scenario, scenario->faults[size_t(i)]),
                                            whenText(i));
    }
    QSize sizeHint() const override {
        const int rows = scenario ? std::max<int>(1, int(scenario->faults.size())) : 1;
        return {400, axisHeight() + rows * rowHeight() + 4};
    }

protected:
    QRect barArea() const {
        const int labelWidth = width() * 9 / 20;
        return QRect(labelWidth, 0, width() - labelWidth - 24, height());
    }
    double xOf(double t) const {
        const QRect a = barArea();
        return a.left() + a.width() * std::clamp(t / axisEnd(), 0.0, 1.0);
    }

    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QPalette pal = palette();
        p.fillRect(rect(), pal.base());
        if (!scenario) return;
        const int rowH = rowHeight();
        const QRect area = barArea();
        // Axis on top: ticks at a round step, about five of them.
        const double end = axisEnd();
        const double raw = end / 5;
        const double mag = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
        const double step = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
        p.setPen(pal.color(QPalette::Mid));
        for (double t = 0; t <= end + 1e-9; t += step) {
            const double x = xOf(t);
            p.drawLine(QPointF(x, axisHeight() - 4), QPointF(x, height()));
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRectF(x - 30, 0, 60, axisHeight() - 4), Qt::AlignCenter,
                       QStringLiteral("%1 s").arg(t));
            p.setPen(pal.color(QPalette::Mid));
        }
        if (scenario->faults.empty()) {
            p.setPen(pal.color(QPalette::Text));
            p.drawText(rect().adjusted(8, axisHeight(), -8, 0), Qt::AlignLeft | Qt::AlignVCenter,
                       tr("No scheduled faults. Add one to plan an outage for every run."));
        }
        for (int i = 0; i < int(scenario->faults.size()); ++i) {
            const model::Fault& f = scenario->faults[size_t(i)];
            const QRect row(0, axisHeight() + i * rowH, width(), rowH);
            if (i == selected) p.fillRect(row, pal.color(QPalette::Highlight).lighter(170));
            p.setPen(pal.color(QPalette::Text));
            const QString title = faultTitle(*scenario, f);
            p.drawText(row.adjusted(6, 0, -(width() - area.left()) - 4, 0),
                       Qt::AlignLeft | Qt::AlignVCenter,
                       fontMetrics().elidedText(title, Qt::ElideRight, area.left() - 10));
            const double x0 = xOf(f.at_s);
            const bool burst = f.kind == model::FaultKind::poison;
            const double x1 = burst ? x0 + 6 : f.for_s ? xOf(f.at_s + *f.for_s) : area.right();
            const QColor color = faultColor(f.kind);
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            p.drawRoundedRect(QRectF(x0, row.top() + 4, std::max(6.0, x1 - x0), rowH - 8), 3, 3);
            if (!f.for_s && !burst) {  // until the end of the run: an open end
                p.setBrush(color.lighter(140));
                p.drawRect(QRectF(x1 - 6, row.top() + 4, 6, rowH - 8));
            }
            // When, beside the bar: after it where there is room, else before it.
            const QString when = whenText(i);
            const int textWidth = fontMetrics().horizontalAdvance(when) + 8;
            p.setPen(pal.color(QPalette::Text));
            const bool after = x1 + textWidth <= area.right();
            const QRectF whenBox = after ? QRectF(x1 + 6, row.top(), textWidth, rowH)
                                         : QRectF(x0 - textWidth - 2, row.top(), textWidth, rowH);
            p.drawText(whenBox, (after ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter, when);
        }
        // The run's clock.
        p.setPen(QPen(QColor(0x1565c0), 2));
        const double x = xOf(now_s);
        p.drawLine(QPointF(x, axisHeight() - 2), QPointF(x, height()));
    }

    int rowAt(const QPoint& pos) const {
        if (!scenario || pos.y() < axisHeight()) return -1;
        const int row = (pos.y() - axisHeight()) / rowHeight();
        return row < int(scenario->faults.size()) ? row : -1;
    }
    void mousePressEvent(QMouseEvent* e) override {
        if (onSelect) onSelect(rowAt(e->pos()));
    }
    void mouseDoubleClickEvent(QMouseEvent* e) override {
        const int row = rowAt(e->pos());
        if (row >= 0 && onOpen) onOpen(row);
    }
};

FaultsPanel::FaultsPanel(ScenarioDocument* document, FaultControls* controls, QWidget* parent)
    : QWidget(parent), document_(document), controls_(controls) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    timeline_ = new FaultTimeline(this);
    timeline_->scenario = &document_->scenario();
    layout->addWidget(timeline_, 1);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add…"), this);
    edit_ = new QPushButton(tr("Edit…"), this);
    remove_ = new QPushButton(tr("Remove"), this);
    auto* hint = new QLabel(tr("Edits restart the run with the new plan."), this);
    hint->setStyleSheet(QStringLiteral("color: palette(dark);"));
    buttons->addWidget(add);
    buttons->addWidget(edit_);
    buttons->addWidget(remove_);
    buttons->addWidget(hint, 1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] { controls_->editScheduled(-1); });
    connect(edit_, &QPushButton::clicked, this,
            [this] { controls_->editScheduled(timeline_->selected); });
    connect(remove_, &QPushButton::clicked, this, &FaultsPanel::removeSelected);
    timeline_->onSelect = [this](int row) { selectRow(row); };
    timeline_->onOpen = [this](int row) { controls_->editScheduled(row); };
    connect(document_, &ScenarioDocument::changed, this, &FaultsPanel::refresh);
    refresh();
}

void FaultsPanel::refresh() {
    timeline_->scenario = &document_->scenario();
    if (timeline_->selected >= int(document_->scenario().faults.size())) timeline_->selected = -1;
    edit_->setEnabled(timeline_->selected >= 0);
    remove_->setEnabled(timeline_->selected >= 0);
    timeline_->updateGeometry();
    timeline_->update();
}

void FaultsPanel::showFrame(const run::Frame& frame) {
    const double now = kernel::to_s(frame.now);
    if (now == timeline_->now_s) return;
    timeline_->now_s = now;
    timeline_->update();
}

QStringList FaultsPanel::rowTexts() const {
    QStringList rows;
    for (int i = 0; i < int(document_->scenario().faults.size()); ++i)
        rows << timeline_->rowText(i);
    return rows;
}

int FaultsPanel::selectedRow() const { return timeline_->selected; }

void FaultsPanel::selectRow(int row) {
    timeline_->selected = row < int(document_->scenario().faults.size()) ? row : -1;
    refresh();
}

void FaultsPanel::removeSelected() {
    if (timeline_->selected < 0) return;
    document_->removeFault(timeline_->selected);
}

}  // namespace flowlab::ui
