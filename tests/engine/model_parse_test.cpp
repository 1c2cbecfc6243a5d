// Parsing flowlab/1 text: syntax errors, schema errors, values, located messages.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "flowlab/model/parse.hpp"

namespace flowlab::model {
namespace {

std::vector<std::string> messages(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& d : parse_scenario(text, "bad.json").errors) out.push_back(d.to_string());
    return out;
}

/// The one message a text yields (fails the test when there are more or none).
std::string only_message(std::string_view text) {
    auto all = messages(text);
    EXPECT_EQ(all.size(), 1u) << ::testing::PrintToString(all);
    return all.empty() ? "" : all.front();
}

/// A valid scenario whose node list can be replaced.
std::string with_nodes(const std::string& extra_nodes, const std::string& edges = "") {
    return "{\n"
           "  \"format\": \"flowlab/1\",\n"
           "  \"run\": {\"duration_s\": 10},\n"
           "  \"nodes\": [\n"
           "    {\"id\": \"web\", \"kind\": \"client\", \"rate_per_s\": 5},\n"
           "    {\"id\": \"api\", \"kind\": \"service\"}" +
           extra_nodes +
           "\n  ],\n"
           "  \"edges\": [\n"
           "    {\"from\": \"web\", \"to\": \"api\", \"mode\": \"sync\"}" +
           edges + "\n  ]\n}\n";
}

TEST(ModelParse, MinimalScenarioParsesWithDefaults) {
    auto r = parse_scenario(with_nodes(""));
    ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].to_string());
    const Scenario& s = *r.scenario;
    EXPECT_EQ(s.run.duration_s, 10.0);
    EXPECT_FALSE(s.run.requests);
    EXPECT_EQ(s.run.drain_s, 60.0);
    EXPECT_EQ(s.seed, 1u);
    ASSERT_EQ(s.nodes.size(), 2u);
    EXPECT_EQ(s.nodes[0].rate_per_s, 5.0);
    EXPECT_EQ(s.nodes[1].threads, 8);
    EXPECT_EQ(s.nodes[1].work, Distribution::constant(0));
    EXPECT_FALSE(s.nodes[1].backlog);
    ASSERT_EQ(s.edges.size(), 1u);
    EXPECT_EQ(s.edges[0].mode, EdgeMode::sync);
    EXPECT_FALSE(s.lesson);
}

TEST(ModelParse, KindSpecificKeysMapToTheirFields) {
    std::string text = with_nodes(
        ",\n    {\"id\": \"db\", \"kind\": \"database\", \"connections\": 3, \"query_ms\": 7}"
        ",\n    {\"id\": \"q\", \"kind\": \"queue\"}"
        ",\n    {\"id\": \"t\", \"kind\": \"topic\", \"partitions\": 4}"
        ",\n    {\"id\": \"c\", \"kind\": \"consumer\", \"retry\": {\"max_attempts\": 3}}",
        ",\n    {\"from\": \"api\", \"to\": \"db\", \"mode\": \"sync\"}"
        ",\n    {\"from\": \"api\", \"to\": \"q\", \"mode\": \"async\"}"
        ",\n    {\"from\": \"api\", \"to\": \"t\", \"mode\": \"async\", \"keys\": 12}"
        ",\n    {\"from\": \"q\", \"to\": \"c\", \"mode\": \"deliver\"}");
    auto r = parse_scenario(text);
    ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].to_string());
    const Scenario& s = *r.scenario;
    const Node* db = s.find_node("db");
    ASSERT_TRUE(db);
    EXPECT_EQ(db->threads, 3);
    EXPECT_EQ(db->work, Distribution::constant(7));
    EXPECT_EQ(s.find_node("q")->ack, Distribution::constant(2));  // queue ack default
    EXPECT_EQ(s.find_node("t")->ack, Distribution::constant(5));  // topic ack default
    EXPECT_EQ(s.find_node("t")->partitions, 4);
    const Node* c = s.find_node("c");
    ASSERT_TRUE(c->retry);
    EXPECT_EQ(c->retry->max_attempts, 3);
    EXPECT_EQ(c->retry->backoff_ms, 100.0);  // the rest of the group keeps its defaults
    EXPECT_FALSE(c->autoscale);
    EXPECT_EQ(s.edges[3].keys, 12);
}

TEST(ModelParse, DistributionsAndLesson) {
    std::string text = R"({
  "format": "flowlab/1", "name": "d", "description": "x", "seed": 18446744073709551615,
  "run": {"requests": 500, "warmup_s": 1, "drain_s": 5},
  "trace": {"propagate": false, "sample": 1},
  "nodes": [
    {"id": "web", "kind": "client", "rate_per_s": 5, "arrival": "uniform", "pattern": "job"},
    {"id": "a", "kind": "service", "work_ms": {"dist": "exponential", "mean_ms": 10}},
    {"id": "b", "kind": "service", "work_ms": {"dist": "uniform", "min_ms": 1, "max_ms": 9}},
    {"id": "c", "kind": "service", "work_ms": {"dist": "lognormal", "median_ms": 20, "p99_ms": 200}},
    {"id": "d", "kind": "service", "work_ms": {"dist": "constant", "ms": 5}}
  ],
  "edges": [{"from": "web", "to": "a", "mode": "sync", "latency_ms": 1.5}],
  "layout": {"web": [0, -10.5]},
  "lesson": {"goal": "g", "watch": ["w1", {"metric": "clients.web.availability", "label": "ok", "expect": 0.99, "tolerance": 0.01, "op": ">="}], "explain": "e", "try": ["t1"]}
})";
    auto r = parse_scenario(text);
    ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].to_string());
    const Scenario& s = *r.scenario;
    EXPECT_EQ(s.seed, 18446744073709551615u);
    EXPECT_EQ(s.run.requests, 500);
    EXPECT_FALSE(s.trace.propagate);
    EXPECT_EQ(s.nodes[0].arrival, Arrival::uniform);
    EXPECT_EQ(s.nodes[0].pattern, ClientPattern::job);
    EXPECT_EQ(s.nodes[1].work, Distribution::exponential(10));
    EXPECT_EQ(s.nodes[2].work, Distribution::uniform(1, 9));
    EXPECT_EQ(s.nodes[3].work, Distribution::lognormal(20, 200));
    // An explicit constant object is remembered as such (saved back the same way).
    EXPECT_EQ(s.nodes[4].work.kind, Distribution::Kind::constant);
    EXPECT_FALSE(s.nodes[4].work.bare_number);
    EXPECT_TRUE(s.edges[0].latency.bare_number);
    EXPECT_EQ(s.edges[0].latency.a, 1.5);
    EXPECT_EQ(s.layout.at("web"), std::make_pair(0.0, -10.5));
    ASSERT_TRUE(s.lesson);
    EXPECT_EQ(s.lesson->try_next, std::vector<std::string>{"t1"});
    ASSERT_EQ(s.lesson->watch.size(), 2u);
    EXPECT_EQ(s.lesson->watch[0].text, "w1");
    EXPECT_TRUE(s.lesson->watch[0].metric.empty());
    EXPECT_EQ(s.lesson->watch[1].metric, "clients.web.availability");
    EXPECT_EQ(s.lesson->watch[1].label, "ok");
    EXPECT_EQ(s.lesson->watch[1].expect, 0.99);
    EXPECT_EQ(s.lesson->watch[1].tolerance, 0.01);
    EXPECT_EQ(s.lesson->watch[1].relation, WatchItem::Relation::at_least);
}

// --- syntax -----------------------------------------------------------------------------

TEST(ModelParseSyntax, EmptyAndBlankFiles) {
    EXPECT_EQ(only_message(""),
              "bad.json:1:1: the file is empty: a scenario is a JSON object, starting with '{'");
    EXPECT_EQ(only_message(" \n\t\n"),
              "bad.json:1:1: the file is empty: a scenario is a JSON object, starting with '{'");
}

TEST(ModelParseSyntax, TruncatedFileNamesTheUnclosedContainer) {
    EXPECT_EQ(only_message("{\n  \"format\": \"flowlab/1\",\n  \"nodes\": [\n    {\"id\": \"a\""),
              "bad.json:4:15: unexpected end of file: expected ',' or '}' (the object opened at "
              "4:5 is not closed)");
    EXPECT_EQ(only_message("{\"nodes\": ["),
              "bad.json:1:12: unexpected end of file: expected a value (the array opened at 1:11 "
              "is not closed)");
    EXPECT_EQ(only_message("{\"name\": \"abc"),
              "bad.json:1:14: unexpected end of file inside the string that starts at 1:10");
}

TEST(ModelParseSyntax, BinaryAndEncoding) {
    EXPECT_EQ(only_message(std::string("{\n  \"a\": \"x\0y\"}", 14)),
              "bad.json:2:10: binary data (NUL byte): this is not a JSON text file");
    EXPECT_EQ(only_message("{\n  \"name\": \"caf\xE9\"}"),
              "bad.json:2:15: invalid UTF-8 (byte 0xE9): the file must be UTF-8 text");
    // Overlong encodings and surrogates are not UTF-8 either.
    EXPECT_EQ(only_message("{\"a\": \"\xC0\xAF\"}"),
              "bad.json:1:8: invalid UTF-8 (byte 0xC0): the file must be UTF-8 text");
    EXPECT_EQ(only_message("{\"a\": \"\xED\xA0\x80\"}"),
              "bad.json:1:8: invalid UTF-8 (byte 0xED): the file must be UTF-8 text");
}

TEST(ModelParseSyntax, ColumnsCountCharactersAndSkipTheBom) {
    // "é" is two bytes but one column; the BOM takes no column at all.
    EXPECT_EQ(only_message("\xEF\xBB\xBF{\"name\": \"\xC3\xA9\", x}"),
              "bad.json:1:15: object keys need double quotes: \"key\": value");
}

TEST(ModelParseSyntax, BadTokens) {
    EXPECT_EQ(only_message("{\"a\": tru}"),
              "bad.json:1:7: unexpected 'tru': expected a value (strings need double quotes)");
    EXPECT_EQ(only_message("{\"a\": True}"), "bad.json:1:7: 'True' is not JSON: write true");
    EXPECT_EQ(only_message("{\"a\": 1,}"),
              "bad.json:1:9: trailing comma before '}' (not allowed in JSON)");
    EXPECT_EQ(only_message("{\"a\": [1,]}"),
              "bad.json:1:10: trailing comma before ']' (not allowed in JSON)");
    EXPECT_EQ(only_message("{\"a\": 1 \"b\": 2}"),
              "bad.json:1:9: expected ',' or '}' (a comma is missing before this key)");
    EXPECT_EQ(only_message("{'a': 1}"),
              "bad.json:1:2: strings and keys need double quotes (\"), not single quotes");
    EXPECT_EQ(only_message("// note\n{}"), "bad.json:1:1: comments are not allowed in JSON");
    EXPECT_EQ(only_message("{\"a\": 01}"),
              "bad.json:1:7: invalid number '01': leading zeros are not allowed");
    EXPECT_EQ(only_message("{\"a\": .5}"),
              "bad.json:1:7: invalid number '.5': write a digit before '.' (0.5, not .5)");
    EXPECT_EQ(
        only_message("{\"a\": 30ms}"),
        "bad.json:1:7: invalid number '30ms': numbers take no unit: the unit is in the key's name");
    EXPECT_EQ(only_message("{\"a\": 1e999}"), "bad.json:1:7: number '1e999' is out of range");
    EXPECT_EQ(only_message("{\"a\": \"\\q\"}"), "bad.json:1:8: invalid escape '\\q' in a string");
    EXPECT_EQ(only_message("{\"a\": \"\\ud800\"}"),
              "bad.json:1:8: invalid \\u escape: unpaired high surrogate");
    EXPECT_EQ(only_message("{}\n{}"),
              "bad.json:2:1: unexpected content after the end of the JSON value");
}

TEST(ModelParseSyntax, ControlCharactersInStrings) {
    EXPECT_EQ(only_message("{\"a\": \"x\ny\"}"),
              "bad.json:1:9: line break inside a string (is a closing quote missing?)");
    EXPECT_EQ(only_message("{\"a\": \"x\ty\"}"),
              "bad.json:1:9: control character U+0009 inside a string: write it as an escape");
}

TEST(ModelParseSyntax, NestingIsBounded) {
    std::string deep = "{\"a\": " + std::string(200, '[') + std::string(200, ']') + "}";
    EXPECT_EQ(only_message(deep), "bad.json:1:70: nesting is deeper than 64 levels");
}

TEST(ModelParseSyntax, EscapesDecode) {
    auto r = parse_scenario(
        R"({"format": "flowlab/1", "description": "a\"b\\c\/\u00e9\ud83d\ude00\n", "run": {"duration_s": 1}, "nodes": []})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.scenario->description, "a\"b\\c/\xC3\xA9\xF0\x9F\x98\x80\n");
}

TEST(ModelParseSyntax, EveryDuplicateKeyIsReportedWithThePathAndTheFirstPlace) {
    auto all = messages(
        "{\n  \"format\": \"flowlab/1\",\n  \"run\": {\"duration_s\": 1, \"duration_s\": 2},\n"
        "  \"nodes\": [],\n  \"format\": \"flowlab/1\"\n}");
    EXPECT_EQ(all, (std::vector<std::string>{
                       "bad.json:3:28: run.duration_s: duplicate key (first at 3:11)",
                       "bad.json:5:3: format: duplicate key (first at 2:3)",
                   }));
}

// --- schema ---------------------------------------------------------------------------

TEST(ModelParseSchema, TheSpecExampleMessage) {
    std::string text = with_nodes(
        ",\n    {\"id\": \"b\", \"kind\": \"service\"},\n    {\"id\": \"c\", \"kind\": "
        "\"service\", \"threads\": -2}");
    EXPECT_EQ(only_message(text),
              "bad.json:8:47: nodes[3].threads: must be an integer >= 1, got -2");
}

TEST(ModelParseSchema, UnknownKeysAnywhereWithSuggestions) {
    EXPECT_EQ(
        only_message(with_nodes(",\n    {\"id\": \"b\", \"kind\": \"service\", \"thread\": 4}")),
        "bad.json:7:36: nodes[2].thread: unknown key (did you mean 'threads'?)");
    EXPECT_EQ(
        only_message(with_nodes(",\n    {\"id\": \"b\", \"kind\": \"service\", \"work\": 4}")),
        "bad.json:7:36: nodes[2].work: unknown key (did you mean 'work_ms'?)");
    EXPECT_EQ(
        only_message(with_nodes(",\n    {\"id\": \"b\", \"kind\": \"service\", \"colour\": 4}")),
        "bad.json:7:36: nodes[2].colour: unknown key");
    EXPECT_EQ(only_message("{\"format\": \"flowlab/1\", \"run\": {\"duration_s\": 1}, \"nodes\": "
                           "[], \"fautls\": []}"),
              "bad.json:1:64: fautls: unknown key (did you mean 'faults'?)");
    EXPECT_EQ(
        only_message(with_nodes(
            ",\n    {\"id\": \"c\", \"kind\": \"consumer\", \"retry\": {\"max_attempt\": 2}}")),
        "bad.json:7:47: nodes[2].retry.max_attempt: unknown key (did you mean 'max_attempts'?)");
    EXPECT_EQ(only_message("{\"format\": \"flowlab/1\", \"run\": {\"duration_s\": 1, \"warmup\": "
                           "0}, \"nodes\": []}"),
              "bad.json:1:50: run.warmup: unknown key (did you mean 'warmup_s'?)");
    EXPECT_EQ(only_message("{\"format\": \"flowlab/1\", \"run\": {\"duration_s\": 1}, \"nodes\": "
                           "[], \"lesson\": {\"tries\": []}}"),
              "bad.json:1:75: lesson.tries: unknown key");
}

TEST(ModelParseSchema, KeysOfAnotherKind) {
    EXPECT_EQ(
        only_message(with_nodes(",\n    {\"id\": \"q\", \"kind\": \"queue\", \"threads\": 4}")),
        "bad.json:7:34: nodes[2].threads: not a parameter of a queue node");
    // The same field under the kind's own name is suggested.
    EXPECT_EQ(
        only_message(with_nodes(",\n    {\"id\": \"d\", \"kind\": \"database\", \"work_ms\": 4}")),
        "bad.json:7:37: nodes[2].work_ms: not a parameter of a database node (did you mean "
        "'query_ms'?)");
}

TEST(ModelParseSchema, WrongTypes) {
    auto node = [](const std::string& params) {
        return with_nodes(",\n    {\"id\": \"b\", \"kind\": \"service\", " + params + "}");
    };
    EXPECT_EQ(only_message(node("\"threads\": \"8\"")),
              "bad.json:7:47: nodes[2].threads: must be an integer >= 1, got \"8\"");
    EXPECT_EQ(only_message(node("\"threads\": 2.5")),
              "bad.json:7:47: nodes[2].threads: must be an integer >= 1, got 2.5");
    // An integer is written as one: 2.0 is a non-integer literal.
    EXPECT_EQ(only_message(node("\"threads\": 2.0")),
              "bad.json:7:47: nodes[2].threads: must be an integer >= 1, got 2.0");
    EXPECT_EQ(only_message(node("\"failure_rate\": true")),
              "bad.json:7:52: nodes[2].failure_rate: must be a number between 0 and 1, got true");
    EXPECT_EQ(only_message(node("\"calls\": \"paralel\"")),
              "bad.json:7:45: nodes[2].calls: must be one of 'sequential', 'parallel', got "
              "\"paralel\" (did you mean 'parallel'?)");
    EXPECT_EQ(only_message(node("\"work_ms\": [5]")),
              "bad.json:7:47: nodes[2].work_ms: must be a number >= 0 or a {\"dist\": ...} object, "
              "got an array");
    EXPECT_EQ(only_message("{\"format\": \"flowlab/1\", \"run\": 5, \"nodes\": []}"),
              "bad.json:1:32: run: must be an object, got 5");
    EXPECT_EQ(
        only_message("{\"format\": \"flowlab/1\", \"run\": {\"duration_s\": 1}, \"nodes\": {}}"),
        "bad.json:1:60: nodes: must be an array, got an object");
    EXPECT_EQ(only_message("[1]"),
              "bad.json:1:1: must be a JSON object (a flowlab/1 scenario), got an array");
}

TEST(ModelParseSchema, OutOfRange) {
    auto node = [](const std::string& params) {
        return with_nodes(",\n    {\"id\": \"b\", \"kind\": \"service\", " + params + "}");
    };
    EXPECT_EQ(only_message(node("\"threads\": 0")),
              "bad.json:7:47: nodes[2].threads: must be an integer >= 1, got 0");
    EXPECT_EQ(only_message(node("\"threads\": 1000000")),
              "bad.json:7:47: nodes[2].threads: must be an integer <= 100000, got 1000000");
    EXPECT_EQ(
        only_message(node("\"threads\": 99999999999999999999")),
        "bad.json:7:47: nodes[2].threads: must be an integer <= 100000, got 99999999999999999999");
    EXPECT_EQ(only_message(node("\"failure_rate\": 1.5")),
              "bad.json:7:52: nodes[2].failure_rate: must be a number between 0 and 1, got 1.5");
    EXPECT_EQ(only_message(node("\"backlog\": -1")),
              "bad.json:7:47: nodes[2].backlog: must be an integer >= 0, got -1");
    EXPECT_EQ(only_message(node("\"work_ms\": -3")),
              "bad.json:7:47: nodes[2].work_ms: must be a number >= 0, got -3");
    EXPECT_EQ(only_message("{\"format\": \"flowlab/1\", \"seed\": -1, \"run\": {\"duration_s\": "
                           "1}, \"nodes\": []}"),
              "bad.json:1:33: seed: must be an integer between 0 and 18446744073709551615, got -1");
    EXPECT_EQ(
        only_message("{\"format\": \"flowlab/1\", \"run\": {\"duration_s\": 0}, \"nodes\": []}"),
        "bad.json:1:47: run.duration_s: must be a number > 0, got 0");
}

TEST(ModelParseSchema, Distributions) {
    auto work = [](const std::string& dist) {
        return with_nodes(",\n    {\"id\": \"b\", \"kind\": \"service\", \"work_ms\": " + dist +
                          "}");
    };
    EXPECT_EQ(only_message(work(R"({"dist": "lognormal", "median_ms": 20, "p99_ms": 10})")),
              "bad.json:7:96: nodes[2].work_ms.p99_ms: must be >= median_ms (20), got 10");
    EXPECT_EQ(only_message(work(R"({"dist": "lognormal", "median_ms": 0, "p99_ms": 10})")),
              "bad.json:7:82: nodes[2].work_ms.median_ms: must be a number > 0, got 0");
    EXPECT_EQ(only_message(work(R"({"dist": "uniform", "min_ms": 5, "max_ms": 1})")),
              "bad.json:7:90: nodes[2].work_ms.max_ms: must be >= min_ms (5), got 1");
    EXPECT_EQ(only_message(work(R"({"dist": "exponential", "mean_ms": -1})")),
              "bad.json:7:82: nodes[2].work_ms.mean_ms: must be a number > 0, got -1");
    EXPECT_EQ(only_message(work(R"({"dist": "exponential", "mean": 10})")),
              "bad.json:7:71: nodes[2].work_ms.mean: not a key of an exponential distribution (it "
              "takes 'mean_ms') "
              "(did you mean 'mean_ms'?)");
    EXPECT_EQ(messages(work(R"({"dist": "uniform", "min_ms": 1})")),
              std::vector<std::string>{"bad.json:7:47: nodes[2].work_ms: missing required key "
                                       "'max_ms' for a uniform distribution"});
    EXPECT_EQ(only_message(work(R"({"dist": "normal", "mean_ms": 10})")),
              "bad.json:7:56: nodes[2].work_ms.dist: must be one of 'constant', 'exponential', "
              "'uniform', 'lognormal', "
              "got \"normal\"");
    EXPECT_EQ(only_message(work(R"({"mean_ms": 10})")),
              "bad.json:7:47: nodes[2].work_ms: missing required key 'dist' (one of 'constant', "
              "'exponential', "
              "'uniform', 'lognormal')");
}

TEST(ModelParseSchema, MissingRequiredKeys) {
    EXPECT_EQ(only_message("{\"run\": {\"duration_s\": 1}, \"nodes\": []}"),
              "bad.json:1:1: missing required key 'format'");
    EXPECT_EQ(only_message("{\"format\": \"flowlab/1\", \"nodes\": []}"),
              "bad.json:1:1: run: set exactly one of duration_s or requests");
    // Both problems of the client are found in the same pass.
    EXPECT_EQ(messages(with_nodes(",\n    {\"id\": \"w2\", \"kind\": \"client\"}")),
              (std::vector<std::string>{
                  "bad.json:7:5: nodes[2]: missing required key 'rate_per_s' for a client node",
                  "bad.json:7:5: nodes[2]: client 'w2' has no outgoing sync edge: connect it to "
                  "the service it calls",
              }));
    EXPECT_EQ(only_message(with_nodes(",\n    {\"kind\": \"dlq\"}")),
              "bad.json:7:5: nodes[2]: missing required key 'id'");
    EXPECT_EQ(only_message(with_nodes("", ",\n    {\"from\": \"web\", \"to\": \"api\"}")),
              "bad.json:10:5: edges[1]: missing required key 'mode'");
}

TEST(ModelParseSchema, FormatMustBeFlowlab1) {
    EXPECT_EQ(
        only_message("{\"format\": \"flowlab/2\", \"run\": {\"duration_s\": 1}, \"nodes\": []}"),
        "bad.json:1:12: format: unsupported format \"flowlab/2\": this version reads "
        "\"flowlab/1\"");
    EXPECT_EQ(only_message("{\"format\": 1, \"run\": {\"duration_s\": 1}, \"nodes\": []}"),
              "bad.json:1:12: format: must be \"flowlab/1\", got 1");
}

TEST(ModelParseSchema, EdgeKeysThatDoNotApplyToTheMode) {
    std::string text = with_nodes(
        ",\n    {\"id\": \"q\", \"kind\": \"queue\"},\n    {\"id\": \"c\", \"kind\": \"consumer\"}",
        ",\n    {\"from\": \"api\", \"to\": \"q\", \"mode\": \"async\", \"retry\": {}}"
        ",\n    {\"from\": \"q\", \"to\": \"c\", \"mode\": \"deliver\", \"timeout_ms\": 5}");
    EXPECT_EQ(messages(text),
              (std::vector<std::string>{
                  "bad.json:12:49: edges[1].retry: applies only to sync and webhook edges, "
                  "not to an async edge",
                  "bad.json:13:49: edges[2].timeout_ms: applies only to sync "
                  "edges, not to a deliver edge",
              }));
}

TEST(ModelParseSchema, Faults) {
    auto with_fault = [](const std::string& fault) {
        return "{\"format\": \"flowlab/1\", \"run\": {\"duration_s\": 60}, \"nodes\": [\n"
               "  {\"id\": \"web\", \"kind\": \"client\", \"rate_per_s\": 1},\n"
               "  {\"id\": \"api\", \"kind\": \"service\"}],\n"
               "\"edges\": [{\"from\": \"web\", \"to\": \"api\", \"mode\": \"sync\"}],\n"
               "\"faults\": [\n  " +
               fault + "\n]}";
    };
    EXPECT_TRUE(
        parse_scenario(
            with_fault(
                R"({"at_s": 1, "for_s": 2, "target": "api", "fault": "errors", "failure_rate": 0.5})"))
            .ok());
    EXPECT_EQ(only_message(with_fault(R"({"at_s": 1, "target": "api", "fault": "errors"})")),
              "bad.json:6:3: faults[0]: missing required key 'failure_rate' for an errors fault");
    EXPECT_EQ(
        only_message(with_fault(R"({"at_s": 1, "target": "api", "fault": "down", "factor": 2})")),
        "bad.json:6:49: faults[0].factor: not a parameter of a down fault");
    EXPECT_EQ(only_message(with_fault(R"({"at_s": 1, "target": "api", "fault": "slow"})")),
              "bad.json:6:3: faults[0]: a slow fault needs extra_ms > 0 or a factor other than 1");
    EXPECT_EQ(only_message(with_fault(R"({"at_s": 1, "target": "api", "fault": "crash"})")),
              "bad.json:6:41: faults[0].fault: 'crash' applies to consumer nodes, not to 'api' (a "
              "service)");
    EXPECT_EQ(only_message(with_fault(R"({"at_s": 1, "target": "web", "fault": "hang"})")),
              "bad.json:6:41: faults[0].fault: 'hang' applies to service, database, "
              "read_model and orchestrator nodes, not to 'web' (a client)");
    EXPECT_EQ(only_message(with_fault(R"({"at_s": 1, "target": "ap", "fault": "down"})")),
              "bad.json:6:25: faults[0].target: no node with id 'ap' (did you mean 'api'?)");
    EXPECT_EQ(only_message(with_fault(R"({"at_s": -1, "target": "api", "fault": "down"})")),
              "bad.json:6:12: faults[0].at_s: must be a number >= 0, got -1");
    EXPECT_EQ(only_message(with_fault(R"({"at_s": 1, "target": "api", "fault": "melt"})")),
              "bad.json:6:41: faults[0].fault: must be one of 'down', 'hang', 'slow', 'errors', "
              "'crash', 'pause', "
              "'spike', 'poison', 'reset', got \"melt\"");
}

TEST(ModelParseSchema, ManyProblemsInOnePassInFileOrder) {
    std::string text = R"({
  "format": "flowlab/1",
  "run": {"duration_s": 10, "warmup_s": -1},
  "nodes": [
    {"id": "web", "kind": "client", "rate_per_s": 0},
    {"id": "api", "kind": "service", "threads": 0, "colour": "red"},
    {"id": "api", "kind": "database"}
  ],
  "edges": [
    {"from": "web", "to": "api", "mode": "sync"},
    {"from": "api", "to": "nope", "mode": "sync"}
  ],
  "layout": {"ghost": [1, 2]}
})";
    EXPECT_EQ(messages(text),
              (std::vector<std::string>{
                  "bad.json:3:41: run.warmup_s: must be a number >= 0, got -1",
                  "bad.json:5:51: nodes[0].rate_per_s: must be a number > 0, got 0",
                  "bad.json:6:49: nodes[1].threads: must be an integer >= 1, got 0",
                  "bad.json:6:52: nodes[1].colour: unknown key",
                  "bad.json:7:12: nodes[2].id: duplicate id 'api' (first at nodes[1])",
                  "bad.json:11:27: edges[1].to: no node with id 'nope'",
                  "bad.json:13:23: layout.ghost: no node with id 'ghost'",
              }));
}

TEST(ModelParseSchema, ABrokenKindDoesNotCascade) {
    // The kind typo is the one problem: no complaints about its keys or the edge into it.
    std::string text =
        with_nodes(",\n    {\"id\": \"db\", \"kind\": \"databse\", \"connections\": 2}",
                   ",\n    {\"from\": \"api\", \"to\": \"db\", \"mode\": \"sync\"}");
    EXPECT_EQ(only_message(text),
              "bad.json:7:26: nodes[2].kind: must be one of 'client', 'service', 'database', "
              "'queue', 'topic', 'consumer', 'dlq', 'cache', 'rate_limiter', 'read_model', "
              "'orchestrator', got \"databse\" (did you mean 'database'?)");
}

TEST(ModelParseSchema, ABrokenIdDoesNotMakeEdgesDangle) {
    std::string text = with_nodes(",\n    {\"id\": 7, \"kind\": \"database\"}",
                                  ",\n    {\"from\": \"api\", \"to\": \"db\", \"mode\": \"sync\"}");
    EXPECT_EQ(only_message(text), "bad.json:7:12: nodes[2].id: must be a string, got 7");
}

// --- files ----------------------------------------------------------------------------

struct BadFile {
    const char* name;
    const char* message;  // after "<path>:"
};

class ModelParseBadFiles : public ::testing::TestWithParam<BadFile> {};

TEST_P(ModelParseBadFiles, GivesTheExactLocatedMessage) {
    std::string path = std::string(FLOWLAB_TEST_DATA_DIR) + "/bad/" + GetParam().name;
    auto r = load_scenario_file(path);
    EXPECT_FALSE(r.ok());
    ASSERT_EQ(r.errors.size(), 1u) << ::testing::PrintToString(r.errors.size());
    EXPECT_EQ(r.errors[0].to_string(), path + ":" + GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Files, ModelParseBadFiles,
    ::testing::Values(
        BadFile{"empty.json",
                "1:1: the file is empty: a scenario is a JSON object, starting with '{'"},
        BadFile{"binary.json", "3:15: binary data (NUL byte): this is not a JSON text file"},
        BadFile{"truncated.json",
                "12:1: unexpected end of file: expected a key in double quotes (the object opened "
                "at 11:5 is not closed)"},
        BadFile{"unknown_key.json", "7:39: nodes[1].thread: unknown key (did you mean 'threads'?)"},
        BadFile{"wrong_type.json", "7:50: nodes[1].threads: must be an integer >= 1, got \"4\""},
        BadFile{"out_of_range.json", "7:50: nodes[1].threads: must be an integer >= 1, got -2"},
        BadFile{"dangling_edge.json",
                "12:28: edges[1].to: no node with id 'dbb' (did you mean 'db'?)"},
        BadFile{"duplicate_id.json", "9:13: nodes[3].id: duplicate id 'db' (first at nodes[2])"},
        BadFile{"sync_cycle.json",
                "13:5: edges[2]: sync call cycle: api -> auth -> api (each call would wait for "
                "itself: threads deadlock)"},
        BadFile{"duplicate_key.json", "7:53: nodes[1].threads: duplicate key (first at 7:39)"},
        BadFile{"invalid_utf8.json",
                "8:52: invalid UTF-8 (byte 0xE9): the file must be UTF-8 text"},
        BadFile{"sync_into_queue.json",
                "12:44: edges[1].mode: must be 'async' from 'api' (service) to 'jobs' (queue), not "
                "'sync': a queue or "
                "topic is not called and waited on: the publisher hands over the message and waits "
                "only for the "
                "broker's ack"},
        BadFile{"rate_1e9.json",
                "6:52: nodes[0].rate_per_s: must be between 1e-6 and 1e6 per second (gaps the "
                "virtual clock can hold), got 1000000000"},
        BadFile{"run_too_long.json",
                "4:26: run.duration_s: the clients would send about 10000000000 requests "
                "(rate_per_s 1000000 in total, times 10000 s); a run is at most 1000000000 "
                "requests, which the engine finishes in minutes"},
        BadFile{"too_many_requests.json",
                "4:24: run.requests: must be an integer <= 1000000000, got 2000000000"}),
    [](const ::testing::TestParamInfo<BadFile>& file) {
        std::string name = file.param.name;
        return name.substr(0, name.find('.'));
    });

TEST(ModelParseFiles, EveryBadFileIsCoveredAbove) {
    // The CLI tests run every file in tests/data/bad; each must have its message pinned here.
    std::size_t files = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(FLOWLAB_TEST_DATA_DIR) + "/bad"))
        files += entry.path().extension() == ".json";
    EXPECT_EQ(files, 15u);
}

TEST(ModelParseFiles, UnreadableFileIsOneDiagnosticWithoutPosition) {
    auto r = load_scenario_file("/nonexistent/flowlab/x.json");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].to_string(),
              "/nonexistent/flowlab/x.json: cannot read: No such file or directory");
    auto dir = load_scenario_file(FLOWLAB_TEST_DATA_DIR);
    ASSERT_EQ(dir.errors.size(), 1u);
    EXPECT_EQ(dir.errors[0].message, "cannot read: it is a directory");
}

TEST(ModelParseFiles, DiagnosticToStringLeavesOutUnknownParts) {
    Diagnostic d;
    d.message = "m";
    EXPECT_EQ(d.to_string(), "m");
    d.path = "nodes[0]";
    EXPECT_EQ(d.to_string(), "nodes[0]: m");
    d.file = "f.json";
    EXPECT_EQ(d.to_string(), "f.json: nodes[0]: m");
    d.line = 3;
    d.column = 4;
    EXPECT_EQ(d.to_string(), "f.json:3:4: nodes[0]: m");
}

}  // namespace
}  // namespace flowlab::model

namespace flowlab::model {
namespace {

// Errors are located the way an editor counts lines, whatever the file's line endings.
TEST(ModelParseSyntax, LinesEndAtLfCrLfOrALoneCr) {
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
        const std::string text = "{" + eol + "\"format\": \"flowlab/1\"," + eol +
                                 "\"run\": {\"duration_s\": 1}," + eol + "\"nodes\": []," + eol +
                                 "\"seed\": -1" + eol + "}";
        const auto r = parse_scenario(text, "eol.json");
        ASSERT_FALSE(r.ok());
        ASSERT_EQ(r.errors.size(), 1u) << r.errors[0].to_string();
        EXPECT_EQ(r.errors[0].line, 5) << "line ending of " << eol.size() << " bytes";
        EXPECT_EQ(r.errors[0].column, 9);
        EXPECT_EQ(r.errors[0].path, "seed");
    }
}

}  // namespace
}  // namespace flowlab::model
