#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "flowlab/run/report_json.hpp"

namespace flowlab {
namespace {

TEST(ReportJson, NumbersInShortestPlainForm) {
    boost::json::object o;
    o["availability"] = 0.997003;
    o["sim_time_s"] = 60.0;
    o["requests"] = 6000;
    o["zero"] = -0.0;
    o["name"] = "a \"quoted\" name";
    EXPECT_EQ(
        run::to_json_text(o),
        R"({"availability":0.997003,"sim_time_s":60,"requests":6000,"zero":0,"name":"a \"quoted\" name"})");
}

TEST(ReportJson, PrettyFormRoundTrips) {
    boost::json::object inner;
    inner["p99"] = 80.4;
    boost::json::object o;
    o["latency_ms"] = inner;
    o["list"] = boost::json::array{1, 2.5, "x"};
    o["empty"] = boost::json::object{};
    std::string text = run::to_json_text(o, 2);
    EXPECT_NE(text.find("\n  \"latency_ms\": {\n    \"p99\": 80.4\n  }"), std::string::npos)
        << text;
    EXPECT_EQ(boost::json::parse(text), boost::json::value(o));
}

}  // namespace
}  // namespace flowlab
