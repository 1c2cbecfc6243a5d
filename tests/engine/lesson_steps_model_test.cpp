// `lesson.steps` in the scenario format: what is read, every problem located
// (file:line:column and JSON path), unknown keys refused, and exact round trips.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "flowlab/model/parse.hpp"
#include "flowlab/model/save.hpp"
#include "flowlab/run/metric_path.hpp"

namespace flowlab::model {
namespace {

/// A valid scenario whose lesson has `steps` (JSON text of the array) as its steps.
std::string with_steps(const std::string& steps) {
    return R"({
  "format": "flowlab/1", "name": "lesson", "run": { "duration_s": 30 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": 20 },
    { "id": "api", "kind": "service", "threads": 4, "work_ms": 5 },
    { "id": "db", "kind": "database", "connections": 4, "query_ms": 2 }
  ],
  "edges": [ { "from": "web", "to": "api", "mode": "sync" },
             { "from": "api", "to": "db", "mode": "sync" } ],
  "lesson": { "goal": "g",
    "steps": )" +
           steps + R"( } })";
}

std::vector<std::string> errors_of(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : run::parse_scenario_checked(text, "s.json").errors)
        out.push_back(d.to_string());
    return out;
}

const char* full_steps = R"([
      { "title": "The database hangs",
        "text": "Watch the API's threads turn orange.",
        "at_s": 10,
        "when": { "metric": "nodes.api.backlog_max", "op": ">=", "value": 100 },
        "do": [ { "highlight": ["api", "db"] }, { "speed": 0.25 }, { "chart": "api" },
                { "inject": { "target": "db", "fault": "hang", "for_s": 5 } },
                { "clear": { "target": "db", "fault": "hang" } },
                { "inject": { "target": "api", "fault": "slow", "factor": 3 } } ],
        "ask": { "kind": "choice", "question": "Which pool fills next?",
                 "options": ["API", "Users"], "answer": 0, "why": "The API waits on the database." } },
      { "title": "Predict",
        "ask": { "kind": "predict", "question": "Availability by 20 s?",
                 "metric": "clients.web.availability", "at_s": 20, "tolerance": 0.02,
                 "why": "Every call waits on the hung database." } } ])";

TEST(LessonStepsModel, EveryPartIsRead) {
    const auto r = run::parse_scenario_checked(with_steps(full_steps));
    ASSERT_TRUE(r.ok()) << r.errors.front().to_string();
    const auto& steps = r.scenario->lesson->steps;
    ASSERT_EQ(steps.size(), 2u);
    const LessonStep& s = steps[0];
    EXPECT_EQ(s.title, "The database hangs");
    EXPECT_EQ(s.at_s, 10.0);
    ASSERT_TRUE(s.when);
    EXPECT_EQ(s.when->metric, "nodes.api.backlog_max");
    EXPECT_EQ(s.when->op, StepCondition::Op::at_least);
    EXPECT_EQ(s.when->value, 100);
    ASSERT_EQ(s.actions.size(), 6u);
    EXPECT_EQ(s.actions[0].kind, StepAction::Kind::highlight);
    EXPECT_EQ(s.actions[0].nodes, (std::vector<std::string>{"api", "db"}));
    EXPECT_EQ(s.actions[1].speed, 0.25);
    EXPECT_EQ(s.actions[2].node, "api");
    EXPECT_EQ(s.actions[3].kind, StepAction::Kind::inject);
    EXPECT_EQ(s.actions[3].fault.kind, FaultKind::hang);
    EXPECT_EQ(s.actions[3].fault.for_s, 5.0);
    EXPECT_EQ(s.actions[4].kind, StepAction::Kind::clear);
    EXPECT_EQ(s.actions[4].fault.target, "db");
    EXPECT_EQ(s.actions[5].fault.factor, 3.0);
    ASSERT_TRUE(s.ask);
    EXPECT_EQ(s.ask->kind, StepQuestion::Kind::choice);
    EXPECT_EQ(s.ask->options.size(), 2u);
    EXPECT_EQ(s.ask->answer, 0);
    const StepQuestion& p = *steps[1].ask;
    EXPECT_EQ(p.kind, StepQuestion::Kind::predict);
    EXPECT_EQ(p.metric, "clients.web.availability");
    EXPECT_EQ(p.at_s, 20.0);
    EXPECT_EQ(p.tolerance, 0.02);
    EXPECT_FALSE(steps[1].has_checkpoint());
}

TEST(LessonStepsModel, SavedAndReadBackExactly) {
    const auto first = run::parse_scenario_checked(with_steps(full_steps));
    ASSERT_TRUE(first.ok());
    const std::string saved = to_json_text(*first.scenario);
    const auto again = run::parse_scenario_checked(saved);
    ASSERT_TRUE(again.ok()) << again.errors.front().to_string() << "\n" << saved;
    EXPECT_EQ(*again.scenario, *first.scenario);
    EXPECT_EQ(to_json_text(*again.scenario), saved);  // the same bytes again
    // A step's fault has no at_s; what it clears has no parameters.
    EXPECT_NE(saved.find(R"({"clear": {"target": "db", "fault": "hang"}})"), std::string::npos)
        << saved;
    EXPECT_NE(saved.find(R"({"inject": {"for_s": 5, "target": "db", "fault": "hang"}})"),
              std::string::npos)
        << saved;
}

TEST(LessonStepsModel, UnknownKeysAreErrorsWithASuggestion) {
    EXPECT_EQ(errors_of(with_steps(R"([ { "title": "t", "txet": "x" } ])")),
              std::vector<std::string>{
                  "s.json:11:32: lesson.steps[0].txet: unknown key in a lesson step (did you "
                  "mean 'text'?)"});
    EXPECT_EQ(
        errors_of(with_steps(
            R"([ { "title": "t", "when": { "metric": "clients.web.ok", "op": ">", "value": 1, "unit": "s" } } ])")),
        std::vector<std::string>{"s.json:11:93: lesson.steps[0].when.unit: unknown key"});
    EXPECT_EQ(errors_of(with_steps(R"([ { "title": "t", "do": [ { "zoom": 2 } ] } ])")),
              std::vector<std::string>{
                  "s.json:11:42: lesson.steps[0].do[0].zoom: unknown key in a step action"});
    EXPECT_EQ(
        errors_of(with_steps(
            R"([ { "title": "t", "ask": { "kind": "choice", "question": "q", "options": ["a", "b"], "answer": 0, "why": "w", "tolerance": 1 } } ])")),
        std::vector<std::string>{
            "s.json:11:124: lesson.steps[0].ask.tolerance: not a key for a choice question"});
}

TEST(LessonStepsModel, MissingKeysAndWrongTypesAreLocated) {
    EXPECT_EQ(
        errors_of(with_steps(R"([ { "text": "no title" } ])")),
        std::vector<std::string>{"s.json:11:16: lesson.steps[0]: missing required key 'title'"});
    EXPECT_EQ(
        errors_of(with_steps(
            R"([ { "title": "t", "ask": { "kind": "predict", "question": "q", "why": "w" } } ])")),
        (std::vector<std::string>{
            "s.json:11:39: lesson.steps[0].ask: missing required key 'metric' for a "
            "predict question",
            "s.json:11:39: lesson.steps[0].ask: missing required key 'at_s' for a predict "
            "question",
            "s.json:11:39: lesson.steps[0].ask: missing required key 'tolerance' for a "
            "predict question"}));
    EXPECT_EQ(errors_of(with_steps(R"([ { "title": "t", "at_s": "20" } ])")),
              std::vector<std::string>{
                  "s.json:11:40: lesson.steps[0].at_s: must be a number, got \"20\""});
    EXPECT_EQ(
        errors_of(with_steps(
            R"([ { "title": "t", "when": { "metric": "clients.web.ok", "op": "=>", "value": 1 } } ])")),
        std::vector<std::string>{
            "s.json:11:76: lesson.steps[0].when.op: must be one of \"<\", \"<=\", \"==\", "
            "\">=\", \">\", got \"=>\""});
    EXPECT_EQ(
        errors_of(with_steps(R"([ { "title": "t", "do": [ { "speed": 2, "chart": "api" } ] } ])")),
        std::vector<std::string>{
            "s.json:11:40: lesson.steps[0].do[0]: must be an object with one key: "
            "\"highlight\", \"speed\", \"chart\", \"inject\" or \"clear\", got 2 keys"});
}

TEST(LessonStepsModel, NodesAnswersAndRangesAreChecked) {
    EXPECT_EQ(
        errors_of(with_steps(R"([ { "title": "t", "do": [ { "highlight": ["api", "dB"] } ] } ])")),
        std::vector<std::string>{
            "s.json:11:63: lesson.steps[0].do[0].highlight[1]: no node with id 'dB' (did "
            "you mean 'db'?)"});
    EXPECT_EQ(errors_of(with_steps(R"([ { "title": "t", "do": [ { "chart": "cache" } ] } ])")),
              std::vector<std::string>{
                  "s.json:11:51: lesson.steps[0].do[0].chart: no node with id 'cache'"});
    EXPECT_EQ(errors_of(with_steps(R"([ { "title": "t", "do": [ { "speed": 5000 } ] } ])")),
              std::vector<std::string>{
                  "s.json:11:51: lesson.steps[0].do[0].speed: must be 0 (as fast as possible) or "
                  "between 0.1 and 1000, got 5000"});
    EXPECT_EQ(
        errors_of(with_steps(
            R"([ { "title": "t", "ask": { "kind": "choice", "question": "q", "options": ["a", "b"], "answer": 2, "why": "w" } } ])")),
        std::vector<std::string>{
            "s.json:11:109: lesson.steps[0].ask.answer: must be the index of an option (0 to 1), "
            "got 2"});
    EXPECT_EQ(
        errors_of(with_steps(
            R"([ { "title": "t", "ask": { "kind": "choice", "question": "q", "options": ["a"], "answer": 0, "why": "" } } ])")),
        (std::vector<std::string>{
            "s.json:11:87: lesson.steps[0].ask.options: must offer at least two options",
            "s.json:11:114: lesson.steps[0].ask.why: must not be empty: it is shown once the "
            "student has answered"}));
}

TEST(LessonStepsModel, StepFaultsAreCheckedLikeScheduledOnes) {
    // A step's fault starts when the step is entered: at_s has no meaning there.
    EXPECT_EQ(
        errors_of(with_steps(
            R"([ { "title": "t", "do": [ { "inject": { "at_s": 3, "target": "db", "fault": "hang" } } ] } ])")),
        std::vector<std::string>{
            "s.json:11:54: lesson.steps[0].do[0].inject.at_s: not used here: a step's "
            "fault starts when the step is entered (give for_s to end it)"});
    EXPECT_EQ(
        errors_of(with_steps(
            R"([ { "title": "t", "do": [ { "inject": { "target": "web", "fault": "hang" } } ] } ])")),
        std::vector<std::string>{
            "s.json:11:80: lesson.steps[0].do[0].inject.fault: 'hang' applies to service, "
            "database, read_model and orchestrator nodes, not to 'web' (a client)"});
    EXPECT_EQ(
        errors_of(with_steps(
            R"([ { "title": "t", "do": [ { "inject": { "target": "api", "fault": "errors" } } ] } ])")),
        std::vector<std::string>{"s.json:11:52: lesson.steps[0].do[0].inject: missing required key "
                                 "'failure_rate' for an errors fault"});
    EXPECT_EQ(
        errors_of(with_steps(
            R"([ { "title": "t", "do": [ { "clear": { "target": "db", "fault": "hang", "for_s": 2 } } ] } ])")),
        std::vector<std::string>{
            "s.json:11:86: lesson.steps[0].do[0].clear.for_s: unknown key in a fault to "
            "clear"});
}

TEST(LessonStepsModel, MetricPathsMustNameReportFigures) {
    EXPECT_EQ(
        errors_of(with_steps(
            R"([ { "title": "t", "when": { "metric": "nodes.api.backlgo", "op": ">", "value": 1 } },
                 { "title": "p", "ask": { "kind": "predict", "question": "q", "metric": "clients.web", "at_s": 5, "tolerance": 1, "why": "w" } } ])")),
        (std::vector<std::string>{
            "s.json:11:52: lesson.steps[0].when.metric: 'nodes.api.backlgo' names no figure of "
            "this scenario's report",
            "s.json:12:89: lesson.steps[1].ask.metric: 'clients.web' is not a number in the "
            "report (it is an object or a text)"}));
}

TEST(LessonStepsModel, TimesFollowTheRunForward) {
    EXPECT_EQ(
        errors_of(with_steps(
            R"([ { "title": "a", "at_s": 20 },
                 { "title": "p", "ask": { "kind": "predict", "question": "q", "metric": "clients.web.ok", "at_s": 10, "tolerance": 1, "why": "w" } } ])")),
        std::vector<std::string>{
            "s.json:12:115: lesson.steps[1].ask.at_s: must not come before lesson.steps[0].at_s "
            "(20 s): the steps follow the run forward"});
    EXPECT_EQ(errors_of(with_steps(R"([ { "title": "a", "at_s": -1 } ])")),
              std::vector<std::string>{
                  "s.json:11:40: lesson.steps[0].at_s: must be a number of virtual seconds >= 0, "
                  "got -1"});
}

TEST(LessonStepsModel, ALessonWithoutStepsSavesAsBefore) {
    const auto r = run::parse_scenario_checked(with_steps("[]"));
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.scenario->lesson->steps.empty());
    EXPECT_EQ(to_json_text(*r.scenario).find("\"steps\""), std::string::npos);
}

}  // namespace
}  // namespace flowlab::model
