// The kernel: event order, virtual-time Asio waits, and random streams.

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "flowlab/kernel/kernel.hpp"
#include "runtime/sampling.hpp"
#include "flowlab/kernel/random.hpp"

namespace flowlab {
namespace {

using kernel::from_ms;
using kernel::Kernel;

TEST(Calendar, OrdersByTimeThenSchedulingOrder) {
    boost::asio::io_context io;
    Kernel k(io);
    std::vector<int> order;
    auto* out = &order;
    // Ties at 5 ms must run in the order they were scheduled, whatever the heap does.
    for (int i = 0; i < 50; ++i) k.at(from_ms(i % 2 ? 5 : 10), [out, i] { out->push_back(i); });
    k.at(from_ms(1), [out] { out->push_back(-1); });
    k.run_until(kernel::never);
    ASSERT_EQ(order.size(), 51u);
    EXPECT_EQ(order.front(), -1);
    std::vector<int> odd, even;
    for (std::size_t i = 1; i < order.size(); ++i) (order[i] % 2 ? odd : even).push_back(order[i]);
    EXPECT_TRUE(std::is_sorted(odd.begin(), odd.end()));
    EXPECT_TRUE(std::is_sorted(even.begin(), even.end()));
    // Every 5 ms event before every 10 ms one.
    EXPECT_EQ(order[25] % 2, 1);
    EXPECT_EQ(order[26] % 2, 0);
}

TEST(Kernel, RunUntilStopsAtTheLimitAndMovesTheClock) {
    boost::asio::io_context io;
    Kernel k(io);
    int fired = 0;
    int* f = &fired;
    k.at(from_ms(10), [f] { ++*f; });
    k.at(from_ms(30), [f] { ++*f; });
    k.run_until(from_ms(20));
    EXPECT_EQ(fired, 1);
    EXPECT_EQ(k.now(), from_ms(20));
    k.run_until(kernel::never);
    EXPECT_EQ(fired, 2);
    EXPECT_EQ(k.now(), from_ms(30));
}

TEST(Kernel, AsyncWaitIsAnAsioOperationOnVirtualTime) {
    boost::asio::io_context io;
    Kernel k(io);
    std::vector<kernel::SimTime> seen;
    // A callback completion token...
    k.async_wait(from_ms(7), [&] { seen.push_back(k.now()); });
    // ...and a C++20 coroutine: component code can read like real service code.
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            co_await k.async_wait(from_ms(3), boost::asio::use_awaitable);
            seen.push_back(k.now());
            co_await k.async_wait(from_ms(10), boost::asio::use_awaitable);
            seen.push_back(k.now());
        },
        boost::asio::detached);
    io.poll();  // starts the coroutine up to its first wait
    boost::asio::post(io, [&] { k.run_until(kernel::never); });
    io.run();
    EXPECT_EQ(seen, (std::vector<kernel::SimTime>{from_ms(3), from_ms(7), from_ms(13)}));
}

TEST(Kernel, PendingAsioHandlersAreFreedWithTheKernel) {
    // Nothing to assert beyond "no leak": the ASan build of this test fails if boxed
    // handlers that never ran are not destroyed.
    boost::asio::io_context io;
    auto k = std::make_unique<Kernel>(io);
    auto payload = std::make_shared<int>(42);
    k->async_wait(from_ms(5), [payload] { (void)payload; });
    EXPECT_EQ(payload.use_count(), 2);
    k.reset();
    EXPECT_EQ(payload.use_count(), 1);
}

TEST(RandomStreams, SameNameSameDrawsOtherNameOtherDraws) {
    auto a1 = kernel::make_stream(7, "api");
    auto a2 = kernel::make_stream(7, "api");
    auto b = kernel::make_stream(7, "db");
    auto a_other_seed = kernel::make_stream(8, "api");
    for (int i = 0; i < 100; ++i) {
        double x = kernel::uniform01(a1);
        EXPECT_EQ(x, kernel::uniform01(a2));
        EXPECT_NE(x, kernel::uniform01(b));
        EXPECT_NE(x, kernel::uniform01(a_other_seed));
    }
}

TEST(RandomStreams, DistributionsHaveTheirDeclaredShape) {
    auto rng = kernel::make_stream(1, "shape");
    const int n = 200000;
    auto check = [&](const model::Distribution& d, double mean_tol_sigmas) {
        std::vector<double> xs(n);
        double sum = 0;
        for (double& x : xs) sum += (x = runtime::sample_ms(d, rng));
        std::sort(xs.begin(), xs.end());
        const double mean = sum / n;
        double var = 0;
        for (double x : xs) var += (x - mean) * (x - mean);
        const double se = std::sqrt(var / (n - 1) / n);
        EXPECT_NEAR(mean, d.mean_ms(), mean_tol_sigmas * se + 1e-12);
        // Empirical quantiles against the exact ones: the order statistic's spread at
        // q is sqrt(q(1-q)/n) / density; 3% relative comfortably covers it at n = 200k.
        for (double q : {0.5, 0.99}) {
            const double exact = d.quantile_ms(q);
            EXPECT_NEAR(xs[static_cast<std::size_t>(q * n)], exact, 0.03 * exact + 1e-12) << q;
        }
    };
    check(model::Distribution::exponential(10), 4);
    check(model::Distribution::uniform(1, 9), 4);
    check(model::Distribution::lognormal(20, 200), 4);
    check(model::Distribution::constant(5), 0);
}

}  // namespace
}  // namespace flowlab

namespace flowlab {
namespace {

// Boost's uniform_real_distribution needs min < max: with min == max it used to spin
// for ever, so a file with "min_ms": 5, "max_ms": 5 hung the run.
TEST(RandomStreams, ADegenerateUniformDrawsItsOnlyValue) {
    auto rng = kernel::make_stream(3, "flat");
    EXPECT_EQ(runtime::sample_ms(model::Distribution::uniform(5.0, 5.0), rng), 5.0);
    EXPECT_EQ(kernel::uniform(rng, 2.0, 2.0), 2.0);
    const double x = kernel::uniform(rng, 2.0, 3.0);
    EXPECT_GE(x, 2.0);
    EXPECT_LT(x, 3.0);
}

}  // namespace
}  // namespace flowlab
