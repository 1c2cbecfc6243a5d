#!/usr/bin/env python3
"""Stand-alone models behind a few lesson watch tolerances (see docs/lessons.md).

Where a lesson's figure has no handy closed form (the longest line of a queue, a
bounded topic pushing back, a consumer that scales on depth), its mean and spread
come from a small Monte Carlo of the lesson's mechanism written here from the
scenario's parameters, independently of the engine. The engine's run of the file
is then expected within about 3 standard deviations of the mean. Run it with
`python3 docs/lesson_models.py` (pure standard library, fixed seeds, ~20 s).
"""

import heapq
import math
import random
import statistics


def mm1_longest_line(lam, mu, seconds, seed):
    """Most messages in an M/M/1 station (waiting + in service) over `seconds`."""
    rng = random.Random(seed)
    n = longest = 0
    arrival, departure = rng.expovariate(lam), math.inf
    while True:
        if arrival < departure:
            if arrival > seconds:
                return longest
            n += 1
            longest = max(longest, n)
            if n == 1:
                departure = arrival + rng.expovariate(mu)
            arrival += rng.expovariate(lam)
        else:
            n -= 1
            departure = departure + rng.expovariate(mu) if n else math.inf


def pool_exhaustion(seed):
    """Lesson 04: 80/s, 8 threads of 2 ms + an exponential 50 ms call, x2.5 in [10, 40) s."""
    rng = random.Random(seed)
    done, waiting, idle, longest, latencies = [], [], 8, 0, []
    arrival = rng.expovariate(80)

    def start(t, born):
        call_at = t + 0.002
        factor = 2.5 if 10 <= call_at < 40 else 1
        heapq.heappush(done, (call_at + rng.expovariate(20) * factor, born))

    while True:
        if done and (done[0][0] < arrival or arrival > 60):
            t, born = heapq.heappop(done)
            latencies.append(t - born)
            if waiting:
                start(t, waiting.pop(0))
            else:
                idle += 1
        elif arrival <= 60:
            t = arrival
            arrival += rng.expovariate(80)
            if idle:
                idle -= 1
                start(t, t)
            else:
                waiting.append(t)
                longest = max(longest, len(waiting))
        else:
            break
    latencies.sort()
    return {"nodes.api.backlog_max": longest,
            "clients.web.latency_ms.p99": 1000 * latencies[int(0.99 * len(latencies))]}


def backpressure(seed):
    """Lesson 16: 100/s into 8 threads (1 ms work, then a publish with a 5 ms ack) on a
    one-partition topic of capacity 100 whose single consumer takes exponential 5 ms,
    x4 for work started in [15, 35) s; a full partition makes the publisher wait."""
    rng = random.Random(seed)
    events, order = [], iter(range(1 << 62))

    def at(t, kind, born=None):
        heapq.heappush(events, (t, next(order), kind, born))

    at(rng.expovariate(100), "arrival")
    backlog, idle, lag, blocked = [], 8, 0, []
    consumer_busy, blocked_s, longest, latencies = False, 0.0, 0, []

    def consume(t):
        nonlocal consumer_busy
        if lag and not consumer_busy:
            consumer_busy = True
            at(t + rng.expovariate(200) * (4 if 15 <= t < 35 else 1), "commit")

    def admit(t, born):
        nonlocal lag
        lag += 1
        at(t + 0.005, "ack", born)
        consume(t)

    while events:
        t, _, kind, born = heapq.heappop(events)
        if kind == "arrival":
            if t >= 60:
                continue
            at(t + rng.expovariate(100), "arrival")
            if idle:
                idle -= 1
                at(t + 0.001, "publish", t)
            else:
                backlog.append(t)
                longest = max(longest, len(backlog))
        elif kind == "publish":
            if lag < 100 and not blocked:
                admit(t, born)
            else:
                blocked.append((t, born))
        elif kind == "commit":
            lag -= 1
            consumer_busy = False
            while blocked and lag < 100:
                since, waiting_born = blocked.pop(0)
                blocked_s += t - since
                admit(t, waiting_born)
            consume(t)
        elif kind == "ack":
            latencies.append(1000 * (t - born))
            if backlog:
                at(t + 0.001, "publish", backlog.pop(0))
            else:
                idle += 1
    latencies.sort()
    return {"nodes.clicks.producer_blocked_s": blocked_s,
            "nodes.ingest.backlog_max": longest,
            "clients.web.latency_ms.p99": latencies[int(0.99 * len(latencies))]}


def autoscale(seed):
    """Lesson 17: 30/s uploads, 150/s in [15, 35) s; the queue's depth counts waiting and
    in-flight jobs; instances = clamp(ceil(depth / 100), 2, 12), exponential 50 ms each."""
    rng = random.Random(seed)
    t, waiting, busy, done = 0.0, [], 0, []
    deepest, most, oldest = 0, 2, 0.0
    arrival = rng.expovariate(30)
    while True:
        finish = done[0] if done else math.inf
        if arrival < finish and arrival < 60:
            t = arrival
            waiting.append(t)
            arrival = t + rng.expovariate(150 if 15 <= t < 35 else 30)
            if t < 15 <= arrival:  # memoryless: redraw at the rate change
                arrival = 15 + rng.expovariate(150)
            if t < 35 <= arrival:
                arrival = 35 + rng.expovariate(30)
        elif finish < math.inf:
            t = heapq.heappop(done)
            busy -= 1
        else:
            break
        depth = len(waiting) + busy
        deepest = max(deepest, depth)
        instances = min(12, max(2, math.ceil(depth / 100)))
        most = max(most, instances)
        while busy < instances and waiting:
            oldest = max(oldest, t - waiting.pop(0))  # FIFO; the engine picks among the 8 oldest
            busy += 1
            heapq.heappush(done, t + rng.expovariate(20))
    return {"nodes.thumbnail-jobs.depth_max": deepest,
            "nodes.thumbnailer.instances_max": most,
            "nodes.thumbnail-jobs.oldest_age_ms_max": 1000 * oldest}


def summarize(title, runs):
    print(title)
    for key in runs[0]:
        values = [r[key] for r in runs]
        print(f"  {key}: mean {statistics.mean(values):.1f}, sd {statistics.stdev(values):.1f}")


if __name__ == "__main__":
    summarize("04 thread pool exhaustion", [pool_exhaustion(s) for s in range(300)])
    summarize("15 ordering: topic partition, M/M/1 at 15/s and 25/s",
              [{"nodes.price-topic.partitions.0.depth_max": mm1_longest_line(15, 25, 60, s)}
               for s in range(2000)])
    summarize("16 backpressure", [backpressure(s) for s in range(200)])
    summarize("17 autoscale", [autoscale(s) for s in range(400)])
