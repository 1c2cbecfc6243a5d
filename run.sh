#!/usr/bin/env bash
# Installs what is missing, builds FlowLab (Release, build/), and opens the first lesson:
# in the GUI when a display is available, otherwise as a headless CLI report.
#
#   ./run.sh                          scenarios/01-availability-trap.json
#   ./run.sh scenarios/OTHER.json     another scenario
#   ./run.sh [FILE.json] ARGS...      ARGS go to flowlab (GUI) or to `flowlab-cli run` (no display),
#                                     e.g. ./run.sh --seed 3 --format json  when headless
#
# Safe to run again: packages and build are only touched when something is missing or stale.
set -euo pipefail

caller_dir=$PWD
FLOWLAB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$FLOWLAB_ROOT"
# shellcheck source=scripts/deps.sh
source scripts/deps.sh
# shellcheck source=scripts/build.sh
source scripts/build.sh

readonly JOBS=2
readonly DEFAULT_SCENARIO=scenarios/01-availability-trap.json
readonly BUILD_LOG="$FLOWLAB_RELEASE_DIR/run-build.log"
readonly GUI="$FLOWLAB_RELEASE_DIR/app/flowlab"
readonly CLI="$FLOWLAB_RELEASE_DIR/app/flowlab-cli"

scenario=$DEFAULT_SCENARIO
if (($# > 0)) && [[ "$1" == *.json ]]; then
    scenario=$1
    shift
    # A file named on the command line is relative to where the user is, not to the repo.
    [[ "$scenario" == /* ]] || scenario="$caller_dir/$scenario"
fi

flowlab_install_deps

# Configure and build quietly into a log; say something (on stderr) only when there is
# work to do, and show the log's tail if it fails.
fail_with_log() {
    echo "run.sh: $1 failed; last lines of $BUILD_LOG:" >&2
    tail -n 40 "$BUILD_LOG" >&2
    exit 1
}

targets=(flowlab flowlab-cli)
needs_configure=0
[[ -f "$FLOWLAB_RELEASE_DIR/build.ninja" ]] || needs_configure=1
if ((needs_configure)) ||
    ! ninja -C "$FLOWLAB_RELEASE_DIR" -n "${targets[@]}" 2>/dev/null | grep -q '^ninja: no work to do'; then
    mkdir -p "$FLOWLAB_RELEASE_DIR"
    : >"$BUILD_LOG"
    if ((needs_configure)); then
        echo "Configuring $FLOWLAB_RELEASE_DIR/ (Release)..." >&2
        flowlab_configure "$FLOWLAB_RELEASE_DIR" "${FLOWLAB_RELEASE_ARGS[@]}" >>"$BUILD_LOG" 2>&1 ||
            fail_with_log "configuring $FLOWLAB_RELEASE_DIR/"
    fi
    echo "Building ${targets[*]} (Release, $FLOWLAB_RELEASE_DIR/, log: $BUILD_LOG)..." >&2
    cmake --build "$FLOWLAB_RELEASE_DIR" -j"$JOBS" --target "${targets[@]}" >>"$BUILD_LOG" 2>&1 ||
        fail_with_log "building ${targets[*]}"
fi

if [[ ! -f "$scenario" ]]; then
    echo "run.sh: scenario file '$scenario' not found" >&2
    exit 2
fi

if [[ -x "$GUI" && -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    exec "$GUI" --open "$scenario" "$@"
fi

# Notes go to stderr so that `./run.sh --format json > report.json` stays clean.
if [[ ! -x "$GUI" ]]; then
    echo "(no GUI binary at $GUI: showing the headless report)" >&2
else
    echo "(no display: DISPLAY and WAYLAND_DISPLAY are unset, showing the headless report;" >&2
    echo " for the GUI on a headless machine: xvfb-run ./run.sh)" >&2
fi
exec "$CLI" run "$scenario" "$@"
