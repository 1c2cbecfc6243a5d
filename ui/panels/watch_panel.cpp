#include "panels/watch_panel.hpp"

#include <QFrame>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QMouseEvent>
#include <QScrollBar>
#include <QVBoxLayout>
#include <cmath>
#include <functional>

#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/run/metric_path.hpp"
#include "panels/metric_format.hpp"
#include "theme/appearance.hpp"

namespace flowlab::ui {

namespace {

using Relation = model::WatchItem::Relation;

/// Pixel sizes, not points: a projector shows pixels. 30 px digits stay readable from
/// the back of a room on a 1280x720 projector; the labels around them can be smaller.
/// All grow with the text scale (presenter mode doubles them).
constexpr int valuePixels = 30;
constexpr int labelPixels = 15;
constexpr int referencePixels = 15;

int scaled(int pixels) { return Appearance::instance().scaledPixels(pixels); }
int scaledLabel(int pixels) {
    return int(std::lround(pixels * Appearance::instance().labelScale()));
}

struct VerdictStyle {
    QColor stripe, background, chipText;
    QString chip;
};

VerdictStyle styleOf(WatchPanel::Verdict verdict) {
    VerdictStyle style;
    switch (verdict) {
        case WatchPanel::Verdict::agrees:
            style = {
                QColor(0x2e, 0x7d, 0x32), {}, QColor(0x1b, 0x5e, 0x20), WatchPanel::tr("✓ agrees")};
            break;
        case WatchPanel::Verdict::notYet:
            style = {
                QColor(0xf9, 0xa8, 0x25), {}, QColor(0x8d, 0x5a, 0x00), WatchPanel::tr("not yet")};
            break;
        case WatchPanel::Verdict::differs:
            style = {
                QColor(0xef, 0x6c, 0x00), {}, QColor(0x9a, 0x3e, 0x00), WatchPanel::tr("differs")};
            break;
        case WatchPanel::Verdict::none:
            style = {QColor(0xb0, 0xb7, 0xbf), {}, QColor(0x60, 0x60, 0x60), QString()};
            break;
    }
    // The card is the stripe's colour, faint, over the theme's base; on a dark or black
    // card the chip takes the stripe's colour itself, lightened.
    const ThemeColors& colors = themeColors();
    const double t = verdict == WatchPanel::Verdict::none ? 0.0 : colors.verdictTint;
    const QColor base =
        verdict == WatchPanel::Verdict::none ? colors.cardBackground : colors.cardBase;
    style.background = QColor::fromRgbF(float(base.redF() * (1 - t) + style.stripe.redF() * t),
                                        float(base.greenF() * (1 - t) + style.stripe.greenF() * t),
                                        float(base.blueF() * (1 - t) + style.stripe.blueF() * t));
    if (Appearance::instance().theme() != ThemeKind::light)
        style.chipText = style.stripe.lighter(verdict == WatchPanel::Verdict::none ? 150 : 125);
    return style;
}

QString sign(const model::WatchItem& item) {
    switch (item.relation) {
        case Relation::at_most: return QStringLiteral("≤");
        case Relation::at_least: return QStringLiteral("≥");
        case Relation::near: break;
    }
    return item.tolerance > 0 ? QStringLiteral("≈") : QStringLiteral("=");
}

/// "theory 99.70 %", "= redelivered 76", "expect ≤ 5": the reference in words, with the
/// tolerance the verdict allows when there is one.
/// A figure with its unit that never wraps between the two ("22.0 ms").
QString figure(const std::string& path, double value) {
    return formatMetric(path, value).replace(QLatin1Char(' '), QChar(0x00a0));
}

QString referenceText(const model::WatchItem& item, std::optional<double> reference) {
    const std::string& unitPath = item.against.empty() ? item.metric : item.against;
    QString tolerance;
    if (item.tolerance > 0)
        tolerance = QStringLiteral(" ±") + QChar(0x00a0) + figure(item.metric, item.tolerance);
    if (!item.against.empty()) {
        const bool theory = item.against.rfind("theory.", 0) == 0;
        const QString name = theory ? WatchPanel::tr("theory") : metricShortName(item.against);
        if (!reference) return WatchPanel::tr("%1: not in the report").arg(name);
        const QString value = figure(unitPath, *reference);
        if (theory && item.relation == Relation::near)
            return name + QLatin1Char(' ') + value + tolerance;
        return sign(item) + QLatin1Char(' ') + name + QLatin1Char(' ') + value + tolerance;
    }
    if (!reference) return {};
    const QString value = figure(unitPath, *reference);
    if (item.relation == Relation::near) return WatchPanel::tr("expect %1%2").arg(value, tolerance);
    return WatchPanel::tr("expect %1 %2%3").arg(sign(item), value, tolerance);
}

QString tooltipOf(const model::WatchItem& item) {
    QString tip;
    if (!item.text.empty())
        tip = QString::fromStdString(item.text).toHtmlEscaped() + QStringLiteral("<br><br>");
    tip += WatchPanel::tr("<tt>%1</tt> in the report")
               .arg(QString::fromStdString(item.metric).toHtmlEscaped());
    if (!item.against.empty())
        tip += WatchPanel::tr(", held against <tt>%1</tt>")
                   .arg(QString::fromStdString(item.against).toHtmlEscaped());
    const QString node = metricNodeId(item.metric);
    if (!node.isEmpty())
        tip += WatchPanel::tr("<br>Click to find %1 on the canvas.").arg(node.toHtmlEscaped());
    return tip;
}

}  // namespace

/// One entry: label and verdict on top, the value large below, the reference beside it.
class WatchEntryWidget : public QFrame {
public:
    explicit WatchEntryWidget(std::function<void()> onClick, QWidget* parent)
        : QFrame(parent), onClick_(std::move(onClick)) {
        setObjectName(QStringLiteral("watchEntry"));
        setCursor(Qt::PointingHandCursor);
        auto* layout = new QVBoxLayout(this);
        layout->setContentsMargins(10, 5, 8, 5);
        layout->setSpacing(0);
        auto* top = new QHBoxLayout;
        label_ = new QLabel(this);
        chip_ = new QLabel(this);
        top->addWidget(label_, 1);
        top->addWidget(chip_);
        layout->addLayout(top);
        auto* bottom = new QHBoxLayout;
        value_ = new QLabel(this);
        // A figure is never cut: the reference beside it wraps instead.
        value_->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
        reference_ = new QLabel(this);
        reference_->setWordWrap(true);
        reference_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        bottom->addWidget(value_);
        bottom->addSpacing(8);
        bottom->addWidget(reference_, 1);
        layout->addLayout(bottom);
    }

    /// Sizes and colours from the theme and the text scale (display() sets the card's).
    void restyle() {
        const ThemeColors& colors = themeColors();
        label_->setStyleSheet(QStringLiteral("font-size: %1px; color: %2;")
                                  .arg(scaledLabel(labelPixels))
                                  .arg(colors.cardMuted.name()));
        value_->setStyleSheet(QStringLiteral("font-size: %1px; font-weight: bold; color: %2;")
                                  .arg(scaled(valuePixels))
                                  .arg(colors.cardText.name()));
        reference_->setStyleSheet(QStringLiteral("font-size: %1px; color: %2;")
                                      .arg(scaledLabel(referencePixels))
                                      .arg(colors.cardMuted.name()));
    }

    void display(const WatchPanel::Entry& entry, bool selected) {
        setIfChanged(label_, QString::fromStdString(entry.item.label.empty() ? entry.item.metric
                                                                             : entry.item.label));
        setIfChanged(value_, entry.valueText);
        setIfChanged(reference_, entry.referenceText);
        const VerdictStyle style = styleOf(entry.verdict);
        setIfChanged(chip_, style.chip);
        const QString sheet =
            QStringLiteral(
                "QFrame#watchEntry { background: %1; border-left: 6px solid %2; "
                "border-top: %3; border-right: %3;"
                " border-bottom: %3; border-radius: 3px; }")
                .arg(style.background.name(), style.stripe.name(),
                     selected
                         ? QStringLiteral("2px solid #1e88e5")
                         : QStringLiteral("1px solid %1").arg(themeColors().cardBorder.name()));
        if (sheet != styleSheet()) setStyleSheet(sheet);
        const QString chipSheet = QStringLiteral("font-size: %1px; font-weight: bold; color: %2;")
                                      .arg(scaledLabel(labelPixels - 1))
                                      .arg(style.chipText.name());
        if (chip_->styleSheet() != chipSheet) chip_->setStyleSheet(chipSheet);
    }

    QString valueText() const { return value_->text(); }
    QFont valueFont() const {
        value_->ensurePolished();  // the style sheet sets the size when the label is polished
        return value_->font();
    }

protected:
    void mousePressEvent(QMouseEvent* event) override {
        if (event->button() == Qt::LeftButton) onClick_();
        QFrame::mousePressEvent(event);
    }

private:
    static void setIfChanged(QLabel* label, const QString& text) {
        if (label->text() != text) label->setText(text);
    }

    std::function<void()> onClick_;
    QLabel* label_;
    QLabel* chip_;
    QLabel* value_;
    QLabel* reference_;
};

WatchPanel::WatchPanel(QWidget* parent) : FigureColumn(parent) {
    placeholder_ = new QLabel(tr("This scenario's lesson names no figures to watch."), content_);
    placeholder_->setWordWrap(true);
    layout_->insertWidget(0, placeholder_);
    setMinimumWidth(minimumColumnWidth);
    restyle();
    connect(&Appearance::instance(), &Appearance::changed, this, &WatchPanel::restyle);
}

void WatchPanel::restyle() {
    placeholder_->setStyleSheet(QStringLiteral("color: %1; font-size: %2px;")
                                    .arg(themeColors().cardMuted.name())
                                    .arg(scaledLabel(13)));
    for (size_t i = 0; i < widgets_.size(); ++i) {
        widgets_[i]->restyle();
        updateEntryWidget(i);
    }
    layout_->activate();
    updateGeometry();
}

void WatchPanel::setScenario(const model::Scenario& scenario) {
    for (auto* w : widgets_) delete w;
    widgets_.clear();
    entries_.clear();
    selected_ = -1;
    if (scenario.lesson)
        for (const auto& item : scenario.lesson->watch)
            if (!item.metric.empty())
                entries_.push_back(Entry{item, {}, {}, {}, Verdict::none, tr("–"), {}});
    for (size_t i = 0; i < entries_.size(); ++i) {
        auto* w = new WatchEntryWidget([this, i] { setSelectedEntry(int(i)); }, content_);
        w->setToolTip(tooltipOf(entries_[i].item));
        w->restyle();
        layout_->insertWidget(int(i), w);
        w->show();  // a layout shows new children later, and hidden ones have no size hint
        widgets_.push_back(w);
        updateEntryWidget(i);
    }
    placeholder_->setVisible(entries_.empty());
    // Lay the entries out now, so that sizeHint() is true at once (the window sizes its
    // right column from it right after loading).
    layout_->activate();
    updateGeometry();
}

void WatchPanel::setSelectedEntry(int index) {
    if (index < 0 || index >= entryCount()) return;
    const int previous = selected_;
    selected_ = index;
    if (previous >= 0 && previous < entryCount()) updateEntryWidget(size_t(previous));
    updateEntryWidget(size_t(index));
    emit entryClicked(index, metricNodeId(entries_[size_t(index)].item.metric));
}

QWidget* WatchPanel::entryWidget(int index) const {
    return index >= 0 && index < int(widgets_.size()) ? widgets_[size_t(index)] : nullptr;
}

void WatchPanel::showFrame(const run::Frame& frame) {
    if (!frame.report) return;
    shownTime_ = kernel::to_s(frame.now);
    const boost::json::object& report = *frame.report;
    for (size_t i = 0; i < entries_.size(); ++i) {
        Entry& e = entries_[i];
        e.value = run::metric_value(report, e.item.metric);
        e.reference =
            e.item.against.empty() ? e.item.expect : run::metric_value(report, e.item.against);
        e.agrees = run::watch_agrees(report, e.item);
        if (!e.agrees)
            e.verdict = Verdict::none;
        else if (*e.agrees)
            e.verdict = Verdict::agrees;
        else
            e.verdict = frame.finished ? Verdict::differs : Verdict::notYet;
        e.valueText = e.value ? formatMetric(e.item.metric, *e.value) : tr("not in the report");
        e.referenceText = referenceText(e.item, e.reference);
        updateEntryWidget(i);
    }
    // A figure that grew (64 -> 1,064) may need a wider column in presenter mode.
    if (Appearance::instance().presenter()) {
        const int width = content_->minimumSizeHint().width();
        if (width != contentMinWidth_) {
            contentMinWidth_ = width;
            emit neededWidthChanged();
        }
    }
}

void WatchPanel::updateEntryWidget(size_t index) {
    if (index < widgets_.size()) widgets_[index]->display(entries_[index], int(index) == selected_);
}

QFont WatchPanel::valueFont(int index) const {
    return index >= 0 && index < int(widgets_.size()) ? widgets_[size_t(index)]->valueFont()
                                                      : font();
}

QJsonObject WatchPanel::toJson() const {
    QJsonArray watch;
    for (size_t i = 0; i < entries_.size(); ++i) {
        const Entry& e = entries_[i];
        QJsonObject o;
        o[QStringLiteral("metric")] = QString::fromStdString(e.item.metric);
        o[QStringLiteral("label")] = QString::fromStdString(e.item.label);
        o[QStringLiteral("value")] = e.value ? QJsonValue(*e.value) : QJsonValue();
        o[QStringLiteral("reference")] = e.reference ? QJsonValue(*e.reference) : QJsonValue();
        o[QStringLiteral("agrees")] = e.agrees ? QJsonValue(*e.agrees) : QJsonValue();
        // The text on the screen, read back from the widget rather than recomputed.
        o[QStringLiteral("shown")] = widgets_[i]->valueText();
        o[QStringLiteral("reference_shown")] = e.referenceText;
        watch.append(o);
    }
    return QJsonObject{{QStringLiteral("t_s"), shownTime_}, {QStringLiteral("watch"), watch}};
}

QSize WatchPanel::sizeHint() const {
    // Tall enough for every entry without scrolling when the window allows it.
    const QSize content = content_->sizeHint();
    return QSize(std::max(300, content.width()), content.height() + 4);
}

}  // namespace flowlab::ui
