#!/usr/bin/env bash
# CMake helpers shared by test.sh and run.sh, so both configure build/ the same way
# (a different set of options would make each script reconfigure the other's tree).
# Sourced; expects FLOWLAB_ROOT to be the repository root.

# shellcheck disable=SC2034  # used by the scripts that source this file
# build/: the Release tree with everything (GUI, tests, benchmarks). Both trees can be
# moved (relative to the repository root) to try the scripts without touching build/.
FLOWLAB_RELEASE_DIR=${FLOWLAB_BUILD_DIR:-build}
FLOWLAB_ASAN_DIR=${FLOWLAB_ASAN_BUILD_DIR:-build-asan}
FLOWLAB_TSAN_DIR=${FLOWLAB_TSAN_BUILD_DIR:-build-tsan}
FLOWLAB_RELEASE_ARGS=(
    -DCMAKE_BUILD_TYPE=Release
    -DFLOWLAB_GUI=ON
    -DFLOWLAB_TESTS=ON
    -DFLOWLAB_BENCH=ON
    -DFLOWLAB_SANITIZE=OFF
)

# flowlab_configure DIR [CMAKE_ARGS...]: configures DIR with Ninja. A tree made with
# another generator cannot be switched in place, so its cache is dropped first.
flowlab_configure() {
    local dir=$1
    shift
    local cache="$FLOWLAB_ROOT/$dir/CMakeCache.txt"
    if [[ -f "$cache" ]] && ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$cache"; then
        echo "$dir/ was configured with another generator; configuring it again from scratch."
        rm -rf "$cache" "$FLOWLAB_ROOT/$dir/CMakeFiles"
    fi
    cmake -S "$FLOWLAB_ROOT" -B "$FLOWLAB_ROOT/$dir" -G Ninja "$@"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    echo "scripts/build.sh holds helpers for test.sh and run.sh; use those instead." >&2
    exit 2
fi
