// The idempotency-key store: a set of event ids that says whether an id was seen before.

#include <gtest/gtest.h>

#include <cstdint>
#include <set>

#include "flowlab/kernel/random.hpp"
#include "runtime/event_id_set.hpp"

namespace flowlab {
namespace {

using runtime::EventIdSet;

TEST(EventIdSet, InsertSaysWhetherTheIdIsNew) {
    EventIdSet s;
    EXPECT_FALSE(s.contains(1));
    EXPECT_TRUE(s.insert(1));
    EXPECT_FALSE(s.insert(1));
    EXPECT_TRUE(s.contains(1));
    EXPECT_FALSE(s.contains(0));
    EXPECT_FALSE(s.contains(2));
    EXPECT_EQ(s.size(), 1u);
}

TEST(EventIdSet, IdsOnPageAndWordBoundariesAreDistinct) {
    // 63/64 straddle a 64-bit word, 65535/65536 a page; a far id leaves a gap of pages.
    EventIdSet s;
    const std::uint64_t ids[] = {0, 63, 64, 65535, 65536, 65537, 5'000'000'000ULL};
    for (std::uint64_t id : ids) EXPECT_TRUE(s.insert(id)) << id;
    for (std::uint64_t id : ids) EXPECT_FALSE(s.insert(id)) << id;
    for (std::uint64_t id : {1ULL, 62ULL, 65ULL, 65534ULL, 131072ULL, 4'999'999'999ULL})
        EXPECT_FALSE(s.contains(id)) << id;
    EXPECT_EQ(s.size(), std::size(ids));
}

TEST(EventIdSet, AgreesWithAnOrderedSetOnRandomIds) {
    EventIdSet s;
    std::set<std::uint64_t> reference;
    auto rng = kernel::make_stream(7, "event-id-set");
    for (int i = 0; i < 20000; ++i) {
        const auto id = static_cast<std::uint64_t>(kernel::uniform01(rng) * 300000.0);
        EXPECT_EQ(s.insert(id), reference.insert(id).second) << id;
    }
    EXPECT_EQ(s.size(), reference.size());
    for (std::uint64_t id = 0; id < 300000; id += 7)
        EXPECT_EQ(s.contains(id), reference.count(id) == 1) << id;
}

}  // namespace
}  // namespace flowlab
