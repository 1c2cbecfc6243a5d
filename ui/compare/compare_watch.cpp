#include "compare/compare_watch.hpp"

#include <QFrame>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QScrollBar>
#include <QTextDocument>
#include <QVBoxLayout>
#include <cmath>

#include "compare/compare_style.hpp"
#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/run/compare.hpp"
#include "flowlab/run/metric_path.hpp"
#include "panels/metric_format.hpp"
#include "theme/appearance.hpp"

namespace flowlab::ui {

namespace json = boost::json;

namespace {

/// Pixel sizes as the main watch panel's, a little smaller (two figures share a card's
/// width): 24 px digits still read from the back of a room on a 1280x720 projector.
constexpr int valuePixels = 24;
constexpr int deltaPixels = 20;
constexpr int labelPixels = 15;

int scaled(int pixels) { return Appearance::instance().scaledPixels(pixels); }

const QColor betterColor(0x2e, 0x7d, 0x32);
const QColor worseColor(0xc6, 0x28, 0x28);

/// The client figures run::compare_client_figures gives, in its order.
struct ClientFigure {
    const char* key;  ///< path inside the compare object ("latency_ms.p99")
    const char* label;
    model::Better better;
};
constexpr ClientFigure clientFigures[] = {
    {"availability", "availability", model::Better::higher},
    {"latency_ms.p50", "P50 latency", model::Better::lower},
    {"latency_ms.p99", "P99 latency", model::Better::lower},
    {"throughput_per_s", "answered per s", model::Better::higher},
};

std::optional<double> numberAt(const json::object& o, const std::string& path) {
    return run::metric_value(o, path);
}

QString valueText(const std::string& path, const std::optional<double>& v) {
    return v ? formatMetric(path, *v).replace(QLatin1Char(' '), QChar(0x00a0))
             : CompareWatch::tr("–");
}

}  // namespace

QString formatDelta(const std::string& path, double delta) {
    if (delta == 0) return QStringLiteral("±0");
    QString text = formatMetric(path, std::abs(delta));
    if (metricUnit(path) == MetricUnit::percent && text.endsWith(QLatin1String(" %")))
        text.chop(2), text += QStringLiteral(" pp");
    return (delta > 0 ? QStringLiteral("+") : QStringLiteral("−")) +
           text.replace(QLatin1Char(' '), QChar(0x00a0));
}

/// One figure: its label, then A's and B's values in their colours, then the difference.
class CompareWatchCard : public QFrame {
public:
    explicit CompareWatchCard(QWidget* parent) : QFrame(parent) {
        setObjectName(QStringLiteral("compareCard"));
        auto* layout = new QVBoxLayout(this);
        layout->setContentsMargins(10, 3, 8, 3);
        layout->setSpacing(0);
        // The label and the difference on top, the two values large below: three figures
        // in one row do not fit a column that leaves the canvases their room.
        auto* top = new QHBoxLayout;
        label_ = new QLabel(this);
        delta_ = new QLabel(this);
        delta_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        top->addWidget(label_, 1);
        top->addWidget(delta_);
        layout->addLayout(top);
        auto* row = new QHBoxLayout;
        a_ = new QLabel(this);
        b_ = new QLabel(this);
        row->addWidget(a_);
        row->addSpacing(14);
        row->addWidget(b_);
        row->addStretch(1);
        layout->addLayout(row);
    }

    void display(const CompareWatch::Entry& e) {
        const ThemeColors& colors = themeColors();
        label_->setText(e.label);
        label_->setStyleSheet(QStringLiteral("font-size: %1px; color: %2;")
                                  .arg(scaled(labelPixels))
                                  .arg(colors.cardMuted.name()));
        setValue(a_, CompareSide::a, e.aText);
        setValue(b_, CompareSide::b, e.bText);
        const QColor deltaColor = e.verdict > 0   ? betterColor
                                  : e.verdict < 0 ? worseColor
                                                  : colors.cardMuted;
        delta_->setText(e.deltaText);
        delta_->setStyleSheet(QStringLiteral("font-size: %1px; font-weight: bold; color: %2;")
                                  .arg(scaled(deltaPixels))
                                  .arg(Appearance::instance().theme() == ThemeKind::light
                                           ? deltaColor.name()
                                           : deltaColor.lighter(140).name()));
        setStyleSheet(
            QStringLiteral("QFrame#compareCard { background: %1; border: 1px solid %2;"
                           " border-left: 6px solid %3; border-radius: 3px; }")
                .arg(colors.cardBackground.name(), colors.cardBorder.name(), deltaColor.name()));
    }

    /// "A 66.24 %": the value as shown, without its colour.
    QString aText() const { return plain(a_); }
    QString bText() const { return plain(b_); }
    QString deltaText() const { return plain(delta_); }
    QFont valueFont() const {
        a_->ensurePolished();
        return a_->font();
    }

private:
    static QString plain(const QLabel* label) {
        QTextDocument doc;
        doc.setHtml(label->text());
        return doc.toPlainText().replace(QChar(0x00a0), QLatin1Char(' '));
    }

    void setValue(QLabel* label, CompareSide side, const QString& text) {
        // The letter in the side's colour, the figure in the card's text colour.
        label->setText(QStringLiteral("<span style='color:%1'>%2</span>&nbsp;%3")
                           .arg(sideColor(side).name(), sideLetter(side), text));
        label->setStyleSheet(QStringLiteral("font-size: %1px; font-weight: bold; color: %2;")
                                 .arg(scaled(valuePixels))
                                 .arg(themeColors().cardText.name()));
    }

    QLabel* label_;
    QLabel* a_;
    QLabel* b_;
    QLabel* delta_;
};

CompareWatch::CompareWatch(QWidget* parent) : FigureColumn(parent) {
    connect(&Appearance::instance(), &Appearance::changed, this, &CompareWatch::restyle);
}

void CompareWatch::setFigures(const std::string& client,
                              const std::vector<model::ComparePairWatch>& extra) {
    for (auto* card : cards_) delete card;
    cards_.clear();
    entries_.clear();
    client_ = client;
    const QString id = QString::fromStdString(client);
    if (!client.empty())
        for (const ClientFigure& f : clientFigures) {
            Entry e;
            e.metric = "clients." + client + "." + f.key;
            e.label = tr("%1 of %2").arg(tr(f.label), id);
            e.better = f.better;
            e.clientFigure = true;
            e.key = f.key;
            entries_.push_back(std::move(e));
        }
    for (const auto& w : extra) {
        Entry e;
        e.metric = w.metric;
        e.label = QString::fromStdString(w.label.empty() ? w.metric : w.label);
        e.better = w.better;
        entries_.push_back(std::move(e));
    }
    for (size_t i = 0; i < entries_.size(); ++i) {
        auto* card = new CompareWatchCard(content_);
        card->setToolTip(tr("<tt>%1</tt> in each run's report; the difference is B − A")
                             .arg(QString::fromStdString(entries_[i].metric).toHtmlEscaped()));
        layout_->insertWidget(int(i), card);
        cards_.push_back(card);
    }
    restyle();
}

void CompareWatch::showFrames(const run::Frame& a, const run::Frame& b) {
    if (!a.report || !b.report) return;
    shownTime_ = std::max(kernel::to_s(a.now), kernel::to_s(b.now));
    // The client's figures exactly as `flowlab-cli compare` computes them.
    const json::object clientFigures =
        client_.empty() ? json::object{}
                        : run::compare_client_figures(*a.report, *b.report, client_);
    for (Entry& e : entries_) {
        if (e.clientFigure) {
            e.a = numberAt(clientFigures, e.key + ".a");
            e.b = numberAt(clientFigures, e.key + ".b");
            e.delta = numberAt(clientFigures, e.key + ".delta");
        } else {
            e.a = run::metric_value(*a.report, e.metric);
            e.b = run::metric_value(*b.report, e.metric);
            e.delta = e.a && e.b ? std::optional<double>(*e.b - *e.a) : std::nullopt;
        }
        e.aText = valueText(e.metric, e.a);
        e.bText = valueText(e.metric, e.b);
        e.deltaText = e.delta ? QStringLiteral("Δ ") + formatDelta(e.metric, *e.delta) : QString();
        const int sign = !e.delta || *e.delta == 0 ? 0 : (*e.delta > 0 ? 1 : -1);
        e.verdict = e.better == model::Better::higher  ? sign
                    : e.better == model::Better::lower ? -sign
                                                       : 0;
    }
    restyle();
}

void CompareWatch::restyle() {
    for (size_t i = 0; i < cards_.size(); ++i) cards_[i]->display(entries_[i]);
}

QFont CompareWatch::valueFont() const { return cards_.empty() ? font() : cards_[0]->valueFont(); }

QJsonObject CompareWatch::toJson() const {
    auto number = [](const std::optional<double>& v) { return v ? QJsonValue(*v) : QJsonValue(); };
    QJsonArray list;
    for (size_t i = 0; i < entries_.size(); ++i) {
        const Entry& e = entries_[i];
        list.append(QJsonObject{
            {QStringLiteral("metric"), QString::fromStdString(e.metric)},
            {QStringLiteral("label"), e.label},
            {QStringLiteral("a"), number(e.a)},
            {QStringLiteral("b"), number(e.b)},
            {QStringLiteral("delta"), number(e.delta)},
            {QStringLiteral("better"),
             QString::fromUtf8(model::better_name(e.better).data(),
                               qsizetype(model::better_name(e.better).size()))},
            {QStringLiteral("shown_a"), cards_[i]->aText()},
            {QStringLiteral("shown_b"), cards_[i]->bText()},
            {QStringLiteral("shown_delta"), cards_[i]->deltaText()},
        });
    }
    return QJsonObject{{QStringLiteral("t_s"), shownTime_}, {QStringLiteral("entries"), list}};
}

}  // namespace flowlab::ui
