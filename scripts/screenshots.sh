#!/usr/bin/env bash
# Regenerates docs/screenshots/: every shipped lesson at its key moment, at a projector's
# 1280x720 (NN-name.png) and at 1600x900 (NN-name-large.png), plus README.png, the
# automatic layout of a 12-node file without positions (layout-twelve-nodes*.png), and
# presenter mode at 1280x720 for a few lessons in the dark and light themes
# (NN-name-presenter-dark.png, NN-name-presenter-light.png), and compare mode on the
# cascading vs hybrid checkout pair (compare-08-vs-21-*.png), and the timeline after a
# seek back (timeline-08-ledger-hang*.png, compare-08-vs-21-seek*.png).
# Run after any change a user can see, then open the pictures and look at them.
#
#   scripts/screenshots.sh [build/app/flowlab]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
app=${1:-build/app/flowlab}
out=docs/screenshots
mkdir -p "$out"

# The virtual second at which each lesson shows what it teaches.
declare -A moment=(
    [01-availability-trap]=60 [02-availability-trap-8-hops]=60 [03-latency-trap]=30
    [04-thread-pool-exhaustion]=35 [05-timeouts-wasted-work]=35 [06-retry-storm]=40
    [07-circuit-breaker]=25 [08-cascading-checkout]=30 [09-decoupling]=28
    [10-fan-out]=30 [11-poison-pill-no-dlq]=40 [12-poison-pill-dlq]=40
    [13-at-least-once]=60 [14-idempotency]=60 [15-ordering]=40 [16-backpressure]=30
    [17-autoscale]=30 [18-job-202]=40 [19-observability-gap]=40 [20-observability-fixed]=40
    [21-hybrid-checkout]=25
    # 20.01 s: a refused order is being undone (found with flowlab-cli run --until).
    [22-saga-choreography]=20.01 [23-saga-orchestration]=20.01
    # In the fault, or once the figure the lesson names has built up (its steps say when).
    [24-queue-vs-log]=250 [25-webhook-vs-polling]=50 [26-eventual-consistency]=80
    [27-event-loop]=45 [28-cache]=200 [29-rate-limit]=100 [30-real-ride-confirmation]=35
    [31-real-order-pipeline]=33 [32-real-card-charge]=45
)

shoot() {  # shoot LESSON SIZE PNG [OPTIONS...]
    local lesson=$1 size=$2 png=$3
    shift 3
    # --theme: the pictures never depend on the theme this machine's user last chose.
    QT_QPA_PLATFORM=offscreen "$app" --open "scenarios/$lesson.json" --run-for "${moment[$lesson]}" \
        --window-size "$size" --screenshot "$png" --theme light "$@"
}

# Presenter mode: the smallest lesson, the widest, a messaging one and the tallest.
presented=(01-availability-trap 08-cascading-checkout 15-ordering 21-hybrid-checkout)

for lesson in "${!moment[@]}"; do
    [[ -f "scenarios/$lesson.json" ]] || { echo "missing scenarios/$lesson.json" >&2; exit 1; }
    shoot "$lesson" 1280x720 "$out/$lesson.png"
    shoot "$lesson" 1600x900 "$out/$lesson-large.png"
done
# A file without positions, as the automatic layout (Graphviz's dot) places it.
layout=tests/data/layout/twelve-nodes.json
for size in 1280x720:layout-twelve-nodes 1600x900:layout-twelve-nodes-large; do
    QT_QPA_PLATFORM=offscreen "$app" --open "$layout" --run-for 10 \
        --window-size "${size%%:*}" --screenshot "$out/${size#*:}.png" --theme light
done
for lesson in "${presented[@]}"; do
    for theme in dark light; do
        shoot "$lesson" 1280x720 "$out/$lesson-presenter-$theme.png" --presenter --theme "$theme"
    done
done
# Compare mode: cascading vs hybrid checkout ten seconds into the ledger hang (30 s: A's
# shoppers time out, B's ledger writer lags) and after it (45 s: B has drained, A
# recovers), at both sizes (compare-08-vs-21-hang.png, ...-later-large.png).
for moment in 30:hang 45:later; do
    for size in 1280x720: 1600x900:-large; do
        QT_QPA_PLATFORM=offscreen "$app" --compare-pair scenarios/compare/08-vs-21-hybrid.json \
            --run-for "${moment%%:*}" --window-size "${size%%:*}" --theme light \
            --screenshot "$out/compare-08-vs-21-${moment#*:}${size#*:}.png"
    done
done
# The timeline: lesson 08 played to 40 s, then dragged back to just after the ledger hung
# (bookmarked at 20 s), the recorded future hatched; and the checkout pair played to 45 s
# and dragged back to 25 s, five seconds into the hang.
for size in 1280x720: 1600x900:-large; do
    QT_QPA_PLATFORM=offscreen "$app" --open scenarios/08-cascading-checkout.json --run-for 40 \
        --seek 20.5 --bookmark 20 --window-size "${size%%:*}" --theme light \
        --screenshot "$out/timeline-08-ledger-hang${size#*:}.png"
    QT_QPA_PLATFORM=offscreen "$app" --compare-pair scenarios/compare/08-vs-21-hybrid.json \
        --run-for 45 --seek 25 --window-size "${size%%:*}" --theme light \
        --screenshot "$out/compare-08-vs-21-seek${size#*:}.png"
done
cp "$out/08-cascading-checkout-large.png" "$out/README.png"
echo "wrote $(ls "$out"/*.png | wc -l) pictures to $out/"
