// Frame time of the real main window while a busy scenario runs: how long the UI
// thread needs per refresh (take the newest frame, apply it to the canvas, the token
// layer, the charts and the failure table, then repaint synchronously).
//
// The engine advances one 60 Hz frame of virtual time (speed 1) between refreshes,
// outside the timed region: in the app it runs on its own thread. WholeWindowFrame
// refreshes as the app does (the charts redraw when a new 0.5 s sample arrives, about one
// frame in 30); WholeWindowFrameWithCharts redraws the charts on every frame, the worst
// case; CanvasOnlyFrame is the canvas and its token layer alone.
//
// Run under a real X server so painting goes through the platform's backing store:
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/bench/ui_bench

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QCoreApplication>
#include <QEvent>
#include <QStringList>
#include <QWindow>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "canvas/canvas_scene.hpp"
#include "canvas/canvas_view.hpp"
#include "canvas/node_item.hpp"
#include "canvas/token_layer.hpp"
#include "main_window.hpp"
#include "panels/chart_panel.hpp"
#include "session/live_session.hpp"

namespace {

using Clock = std::chrono::steady_clock;

constexpr double frameVirtualSeconds = 1.0 / 60.0;  // one frame at speed 1
constexpr double warmupVirtualSeconds = 3.0;        // links of up to 50 ms fill well before
constexpr int warmupFrames =
    60;  // the token sample refills at the frame rate after the warm-up's long frames

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(q * double(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

/// Shows the window with the 20-node scenario loaded and warmed up; false (and the
/// benchmark skipped) when the file does not open.
bool prepare(flowlab::ui::MainWindow& window, benchmark::State& state) {
    QStringList errors;
    const QString path = QStringLiteral(FLOWLAB_BENCH_DATA_DIR "/ui_20_nodes.json");
    if (!window.openFile(path, &errors)) {
        state.SkipWithError(qPrintable(
            QStringLiteral("cannot open %1: %2").arg(path, errors.join(QLatin1String("; ")))));
        return false;
    }
    window.resize(1400, 900);
    window.show();
    // Painting before the window is mapped measures nothing.
    for (int i = 0; i < 200 && !(window.windowHandle() && window.windowHandle()->isExposed());
         ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    window.view()->fitAll();
    window.runFor(warmupVirtualSeconds);
    QCoreApplication::processEvents();
    return true;
}

/// Counts paint events of the canvas viewport, to prove each timed refresh drew it.
class PaintCounter : public QObject {
public:
    int paints = 0;
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::Paint) ++paints;
        return false;
    }
};
PaintCounter* canvasPaints = nullptr;

/// Lets Qt paint what the refresh made dirty (the scene's update signals are queued; the
/// repaint manager then paints every dirty widget and flushes to the X server), and
/// forces the canvas to paint synchronously if Qt put it off.
void paintNow(flowlab::ui::MainWindow& window) {
    const int before = canvasPaints->paints;
    QCoreApplication::processEvents();
    if (canvasPaints->paints == before) window.view()->viewport()->repaint();
}

/// One refresh of the whole window, as the app does it when a frame arrives: canvas,
/// token layer, failure table, run controls, and the charts when a new sample arrived.
void refreshWindow(flowlab::ui::MainWindow& window) {
    window.session()->refresh();
    paintNow(window);
}

/// The same with the charts redrawn whatever happened (the frame that does it all).
void refreshWindowWithCharts(flowlab::ui::MainWindow& window) {
    window.session()->refresh();
    if (auto frame = window.session()->frame()) window.charts()->showFrame(*frame, true);
    paintNow(window);
}

/// Only the canvas: apply the frame to the scene and paint the view.
void refreshCanvas(flowlab::ui::MainWindow& window) {
    if (auto frame = window.session()->runner().latest_frame()) window.scene()->applyFrame(*frame);
    paintNow(window);
}

template <void (*Refresh)(flowlab::ui::MainWindow&)>
void runFrames(benchmark::State& state, bool oneToOne) {
    flowlab::ui::MainWindow window;
    if (!prepare(window, state)) return;
    if (oneToOne) {
        // Zoomed in: every node draws its full body (no level of detail shortcut).
        window.view()->resetTransform();
        window.view()->centerOn(
            window.scene()->nodeItem(QStringLiteral("front-1"))->sceneBoundingRect().center());
    }
    PaintCounter counter;
    canvasPaints = &counter;
    window.view()->viewport()->installEventFilter(&counter);
    auto& runner = window.session()->runner();
    for (int i = 0; i < warmupFrames; ++i) {
        runner.run_for(frameVirtualSeconds);
        runner.sync();
        Refresh(window);
    }
    std::vector<double> ms;
    std::vector<double> tokens;
    counter.paints = 0;
    for (auto _ : state) {
        runner.run_for(frameVirtualSeconds);
        runner.sync();
        const auto start = Clock::now();
        Refresh(window);
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        state.SetIterationTime(seconds);
        ms.push_back(seconds * 1e3);
        tokens.push_back(double(window.scene()->tokenLayer()->tokens().size()));
    }
    state.counters["p50_ms"] = percentile(ms, 0.50);
    state.counters["p95_ms"] = percentile(ms, 0.95);
    state.counters["max_ms"] = ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
    state.counters["tokens_min"] =
        tokens.empty() ? 0 : *std::min_element(tokens.begin(), tokens.end());
    state.counters["tokens_p50"] = percentile(tokens, 0.50);
    state.counters["frames_under_1000_tokens"] =
        double(std::count_if(tokens.begin(), tokens.end(), [](double n) { return n < 1000; }));
    state.counters["zoom"] = window.view()->zoom();
    state.counters["canvas_paints_per_frame"] =
        double(counter.paints) / double(std::max<std::size_t>(1, ms.size()));
    window.view()->viewport()->removeEventFilter(&counter);
    canvasPaints = nullptr;
}

void WholeWindowFrame(benchmark::State& state) {
    runFrames<refreshWindow>(state, state.range(0) != 0);
}
void WholeWindowFrameWithCharts(benchmark::State& state) {
    runFrames<refreshWindowWithCharts>(state, state.range(0) != 0);
}
void CanvasOnlyFrame(benchmark::State& state) {
    runFrames<refreshCanvas>(state, state.range(0) != 0);
}

// Arg 0: the view fitted to the whole graph (the default after opening); 1: zoom 1:1.
BENCHMARK(WholeWindowFrame)
    ->ArgName("one_to_one")
    ->Arg(0)
    ->Arg(1)
    ->Iterations(600)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(WholeWindowFrameWithCharts)
    ->ArgName("one_to_one")
    ->Arg(0)
    ->Arg(1)
    ->Iterations(600)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(CanvasOnlyFrame)
    ->ArgName("one_to_one")
    ->Arg(0)
    ->Arg(1)
    ->Iterations(600)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    // Keep the window's saved geometry and recent files out of the user's settings.
    QCoreApplication::setOrganizationName(QStringLiteral("FlowLab-bench"));
    QCoreApplication::setApplicationName(QStringLiteral("ui_bench"));
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
