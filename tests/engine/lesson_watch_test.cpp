// Every shipped lesson's watch list, held against a real run of the file: each entry names
// a figure of the report, and each one that claims a reference (a number, a theory figure
// or another measured figure) agrees with it by the end of the run, judged by the same
// run::check_watch the app colours its watch panel with. The references and tolerances
// live in the files (derived in docs/lessons.md); this test only runs them. It also
// checks that what the app shows live is the report the CLI prints at the end.

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <string>
#include <vector>

#include "flowlab/run/live_runner.hpp"
#include "flowlab/run/metric_path.hpp"
#include "flowlab/runtime/simulation.hpp"
#include "shipped_lessons.hpp"

namespace flowlab {
namespace {

using model::WatchItem;

using testing::shipped_lessons;

model::Scenario load_checked(const std::string& file) {
    auto result = run::load_scenario_checked(std::string(FLOWLAB_SCENARIOS_DIR) + "/" + file);
    std::string errors;
    for (const auto& d : result.errors) errors += d.to_string() + "\n";
    EXPECT_TRUE(result.ok()) << errors;
    return result.ok() ? *result.scenario : model::Scenario{};
}

boost::json::object final_report(const model::Scenario& s) {
    runtime::Simulation sim(s);  // the file's own seed
    sim.run_to_end();
    return sim.report();
}

/// Code points, which is what a label's width on screen depends on (not bytes).
std::size_t code_points(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

class LessonWatch : public ::testing::TestWithParam<std::string> {};

TEST_P(LessonWatch, EntriesAreStructuredWithShortLabels) {
    const auto s = load_checked(GetParam());
    ASSERT_TRUE(s.lesson.has_value());
    const auto& watch = s.lesson->watch;
    // 2 to 5 entries, every one converted from prose to a named figure.
    EXPECT_GE(watch.size(), 2u);
    EXPECT_LE(watch.size(), 5u);
    for (std::size_t i = 0; i < watch.size(); ++i) {
        SCOPED_TRACE("lesson.watch[" + std::to_string(i) + "]");
        EXPECT_FALSE(watch[i].metric.empty()) << "a prose-only entry: " << watch[i].text;
        EXPECT_FALSE(watch[i].label.empty());
        EXPECT_LE(code_points(watch[i].label), 24u) << watch[i].label;
        EXPECT_FALSE(watch[i].text.empty());
    }
}

TEST_P(LessonWatch, EveryReferenceHoldsAtTheEndOfTheRun) {
    const auto s = load_checked(GetParam());
    ASSERT_TRUE(s.lesson.has_value());
    const auto report = final_report(s);
    int with_reference = 0;
    for (std::size_t i = 0; i < s.lesson->watch.size(); ++i) {
        const WatchItem& w = s.lesson->watch[i];
        SCOPED_TRACE("lesson.watch[" + std::to_string(i) + "] " + w.label);
        // Every named figure resolves to a number, with or without a reference.
        const auto check = run::check_watch(report, w);
        ASSERT_TRUE(check.value.has_value()) << w.metric;
        if (!w.expect && w.against.empty()) continue;
        ++with_reference;
        ASSERT_TRUE(check.reference.has_value()) << w.against;
        EXPECT_TRUE(check.agrees) << w.metric << " = " << *check.value << ", "
                                  << model::to_string(w.relation) << " " << *check.reference
                                  << " within " << w.tolerance;
    }
    // A lesson states at least one checkable claim among its entries.
    EXPECT_GE(with_reference, 1);
}

TEST_P(LessonWatch, TheLiveReportAtTheEndIsTheFinalReport) {
    const auto s = load_checked(GetParam());
    const auto expected = final_report(s);
    run::LiveRunner runner;
    runner.load(s);
    runner.set_speed(0);
    runner.run_for(1e6);  // past the end of any lesson: the run stops at its end
    runner.sync();
    const auto frame = runner.latest_frame();
    ASSERT_TRUE(frame->error.empty()) << frame->error;
    EXPECT_TRUE(frame->finished);
    ASSERT_TRUE(frame->report);
    // Every watched figure reads the same live as at the end of a headless run...
    for (const auto& w : s.lesson->watch) {
        EXPECT_EQ(run::metric_value(*frame->report, w.metric),
                  run::metric_value(expected, w.metric))
            << w.metric;
        if (!w.against.empty()) {
            EXPECT_EQ(run::metric_value(*frame->report, w.against),
                      run::metric_value(expected, w.against))
                << w.against;
        }
    }
    // ...and so does everything else: it is the same report.
    EXPECT_EQ(*frame->report, expected) << boost::json::serialize(*frame->report) << "\n"
                                        << boost::json::serialize(expected);
}

/// "09-decoupling.json" -> "09_decoupling": gtest names allow only letters, digits and _.
std::string test_name(const ::testing::TestParamInfo<std::string>& param) {
    std::string name = param.param.substr(0, param.param.find('.'));
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

INSTANTIATE_TEST_SUITE_P(Shipped, LessonWatch, ::testing::ValuesIn(shipped_lessons()), test_name);

TEST(LessonWatch, EveryShippedLessonIsCovered) {
    // The parameter list comes from the folder; make sure the folder is the right one.
    EXPECT_GE(shipped_lessons().size(), 21u);
}

}  // namespace
}  // namespace flowlab
