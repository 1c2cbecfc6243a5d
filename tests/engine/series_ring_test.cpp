#include "flowlab/metrics/series_ring.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

using flowlab::metrics::SeriesRing;

static_assert(std::forward_iterator<SeriesRing<double>::const_iterator>);

namespace {
template <class T>
std::vector<std::int64_t> times(const std::vector<typename SeriesRing<T>::Sample>& v) {
    std::vector<std::int64_t> t;
    for (const auto& s : v) t.push_back(s.time);
    return t;
}
}  // namespace

TEST(SeriesRing, KeepsTheNewestCapacitySamplesOldestFirst) {
    SeriesRing<int> r(4);
    EXPECT_TRUE(r.empty());
    for (int i = 0; i < 3; ++i) r.push(i, i * 10);
    EXPECT_EQ(r.size(), 3u);
    EXPECT_EQ(r.oldest().value, 0);
    EXPECT_EQ(r.newest().value, 20);
    for (int i = 3; i < 10; ++i) r.push(i, i * 10);
    EXPECT_EQ(r.size(), 4u);
    EXPECT_EQ(r.capacity(), 4u);
    EXPECT_EQ(r.pushed(), 10u);
    std::vector<int> values;
    for (const auto& s : r) values.push_back(s.value);
    EXPECT_EQ(values, (std::vector<int>{60, 70, 80, 90}));
    EXPECT_EQ(r[0].time, 6);
    EXPECT_EQ(r[3].time, 9);
}

TEST(SeriesRing, ClearEmptiesAndReuses) {
    SeriesRing<double> r(2);
    r.push(1, 1.0);
    r.push(2, 2.0);
    r.push(3, 3.0);
    r.clear();
    EXPECT_TRUE(r.empty());
    EXPECT_EQ(std::distance(r.begin(), r.end()), 0);
    r.push(4, 4.0);
    EXPECT_EQ(r.size(), 1u);
    EXPECT_EQ(r.oldest().time, 4);
}

TEST(SeriesRing, ZeroCapacityIsRejected) {
    EXPECT_THROW(SeriesRing<int>(0), std::invalid_argument);
}

TEST(SeriesRing, DecimateReturnsAllWhenTheyFit) {
    SeriesRing<int> r(10);
    for (int i = 0; i < 5; ++i) r.push(i, i);
    EXPECT_EQ(r.decimate(5).size(), 5u);
    EXPECT_EQ(r.decimate(100).size(), 5u);
    EXPECT_TRUE(r.decimate(0).empty());
}

TEST(SeriesRing, DecimateKeepsSpikesAndStaysWithinBudget) {
    SeriesRing<double> r(1000);
    for (int i = 0; i < 1500; ++i) r.push(i, i == 1234 ? 100.0 : (i == 1400 ? -50.0 : 1.0));
    for (std::size_t n : {2u, 3u, 10u, 11u, 99u, 500u, 999u}) {
        auto d = r.decimate(n);
        EXPECT_LE(d.size(), n) << n;
        // The one-sample spikes survive any budget of two points or more.
        EXPECT_TRUE(std::any_of(d.begin(), d.end(), [](auto& s) { return s.value == 100.0; })) << n;
        EXPECT_TRUE(std::any_of(d.begin(), d.end(), [](auto& s) { return s.value == -50.0; })) << n;
        auto t = times<double>(d);
        EXPECT_TRUE(std::is_sorted(t.begin(), t.end())) << n;
        EXPECT_GE(t.front(), 500);  // only held samples (the oldest 500 were overwritten)
    }
}

TEST(SeriesRing, DecimateMinMaxPerRunInTimeOrder) {
    SeriesRing<int> r(8);
    // Two runs of four: {5, 1, 9, 3} and {2, 2, 2, 2}.
    int values[] = {5, 1, 9, 3, 2, 2, 2, 2};
    for (int i = 0; i < 8; ++i) r.push(i, values[i]);
    auto d = r.decimate(4);
    ASSERT_EQ(d.size(), 3u);  // the flat run gives one point
    EXPECT_EQ(d[0].time, 1);  // min 1 comes before max 9
    EXPECT_EQ(d[1].time, 2);
    EXPECT_EQ(d[2].time, 4);
}

TEST(SeriesRing, UnorderedValuesTakeEveryKth) {
    struct Point {
        double x = 0, y = 0;
    };
    SeriesRing<Point> r(10);
    for (int i = 0; i < 10; ++i) r.push(i, Point{double(i), 0});
    auto d = r.decimate(3);  // k = 4: samples 0, 4, 8
    ASSERT_EQ(d.size(), 3u);
    EXPECT_EQ(d[0].time, 0);
    EXPECT_EQ(d[1].time, 4);
    EXPECT_EQ(d[2].time, 8);
}

TEST(SeriesRing, SinglePointBudget) {
    SeriesRing<int> r(5);
    for (int i = 0; i < 5; ++i) r.push(i, i);
    auto d = r.decimate(1);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].time, 0);
}
