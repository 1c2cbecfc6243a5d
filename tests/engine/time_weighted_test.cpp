#include "flowlab/metrics/time_weighted.hpp"

#include <gtest/gtest.h>

using flowlab::kernel::from_ms;
using flowlab::kernel::from_s;
using flowlab::metrics::TimeWeightedLevel;

TEST(TimeWeightedLevel, IntegratesRectanglesInLevelSeconds) {
    TimeWeightedLevel busy;   // starts at t = 0 with level 0
    busy.set(from_s(1), 2);   // 0 for 1 s
    busy.add(from_s(3), 1);   // 2 for 2 s -> 4
    busy.add(from_s(4), -3);  // 3 for 1 s -> 3
    EXPECT_DOUBLE_EQ(busy.integral(from_s(4)), 7.0);
    EXPECT_DOUBLE_EQ(busy.integral(from_s(10)), 7.0);  // level 0 since t = 4 s
    EXPECT_EQ(busy.level(), 0);
    EXPECT_EQ(busy.max_level(), 3);
    EXPECT_DOUBLE_EQ(busy.mean(from_s(10)), 0.7);
}

TEST(TimeWeightedLevel, IntegralIncludesTheOpenSegmentWithoutChangingIt) {
    TimeWeightedLevel depth(from_s(2), 5);
    EXPECT_DOUBLE_EQ(depth.integral(from_s(2)), 0.0);
    EXPECT_DOUBLE_EQ(depth.integral(from_ms(2500)), 2.5);
    EXPECT_DOUBLE_EQ(depth.integral(from_s(4)), 10.0);  // asking twice changes nothing
    depth.set(from_s(4), 1);
    EXPECT_DOUBLE_EQ(depth.integral(from_s(5)), 11.0);
    EXPECT_DOUBLE_EQ(depth.mean(from_s(5)), 11.0 / 3.0);
}

TEST(TimeWeightedLevel, SameInstantChangesAddNothing) {
    TimeWeightedLevel l;
    l.set(from_s(1), 4);
    l.set(from_s(1), 1);  // a spike of zero duration still counts for max, not the integral
    EXPECT_EQ(l.max_level(), 4);
    EXPECT_DOUBLE_EQ(l.integral(from_s(2)), 1.0);
}

TEST(TimeWeightedLevel, NanosecondResolutionIsExact) {
    TimeWeightedLevel l;
    for (int i = 0; i < 1000; ++i) l.set(i, i % 2);  // level 1 on every odd nanosecond
    EXPECT_DOUBLE_EQ(l.integral(1000) * 1e9, 500.0);
}

TEST(TimeWeightedLevel, ThreadStatesSumToThreadTime) {
    // Eight threads; working and blocked counted separately, idle is the rest.
    const int threads = 8;
    TimeWeightedLevel working, blocked;
    working.set(from_ms(100), 3);
    blocked.set(from_ms(150), 2);
    working.add(from_ms(400), -1);
    blocked.add(from_ms(700), -2);
    auto end = from_s(1);
    double idle = threads * 1.0 - working.integral(end) - blocked.integral(end);
    // working: 3 x 0.3 + 2 x 0.6 = 2.1; blocked: 2 x 0.55 = 1.1
    EXPECT_DOUBLE_EQ(working.integral(end), 2.1);
    EXPECT_DOUBLE_EQ(blocked.integral(end), 1.1);
    EXPECT_DOUBLE_EQ(idle, 4.8);
}

TEST(TimeWeightedLevel, ResetRestartsAtWarmup) {
    TimeWeightedLevel l;
    l.set(0, 10);
    l.set(from_s(1), 2);
    l.reset(from_s(2));
    EXPECT_EQ(l.max_level(), 2);  // the max restarts from the current level
    EXPECT_DOUBLE_EQ(l.integral(from_s(2)), 0.0);
    EXPECT_DOUBLE_EQ(l.integral(from_s(5)), 6.0);
    EXPECT_DOUBLE_EQ(l.mean(from_s(5)), 2.0);
}

TEST(TimeWeightedLevel, MeanBeforeAnyTimeIsTheLevel) {
    TimeWeightedLevel l(from_s(1), 3);
    EXPECT_DOUBLE_EQ(l.mean(from_s(1)), 3.0);
}
