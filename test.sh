#!/usr/bin/env bash
# shellcheck disable=SC2317  # stage functions are called indirectly, through stage()
# Builds and tests everything CI checks, then prints a summary. Exit 0 only if all passed.
#
#   ./test.sh          packages, Release build + tests, benchmarks compile, no-Qt check,
#                      formatting, clang ASan+UBSan engine build + tests + fuzzing,
#                      TSan build of the engine's thread boundary + its tests
#   ./test.sh --quick  the Release part only (local iteration)
#
# Trees: build/ (Release, GUI on, shared with run.sh), build-asan/ (clang, RelWithDebInfo,
# GUI and benchmarks off, ASan+UBSan, the libFuzzer target) and build-tsan/ (clang, TSan,
# only the engine and tests/thread). FLOWLAB_BUILD_DIR, FLOWLAB_ASAN_BUILD_DIR and
# FLOWLAB_TSAN_BUILD_DIR move them. The sanitizer trees double as the proof that the
# engine and flowlab-cli build and pass their tests with no Qt configured at all.
set -euo pipefail

FLOWLAB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$FLOWLAB_ROOT"
# shellcheck source=scripts/deps.sh
source scripts/deps.sh
# shellcheck source=scripts/build.sh
source scripts/build.sh

usage() {
    echo "usage: ./test.sh [--quick]"
    echo "  --quick  skip the sanitizer and fuzzing trees (build-asan/, build-tsan/)"
}

quick=0
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "test.sh: unknown option '$arg'" >&2; usage >&2; exit 2 ;;
    esac
done

readonly JOBS=2  # CI has 2 cores; more only thrashes memory during Qt/Boost compiles
# Per-test limits so a hung test fails in minutes instead of eating the CI budget.
# Sanitized code runs a few times slower, hence the larger limit there.
readonly RELEASE_TEST_TIMEOUT_S=300
readonly ASAN_TEST_TIMEOUT_S=900
# The fuzzer runs a fixed number of inputs from a fixed seed: the same work on every run,
# a few minutes under ASan on two cores. Anything it finds is written to build-asan/fuzz/.
readonly FUZZ_RUNS=200000
readonly FUZZ_SEED=1

summary=()
failed=0
started=$SECONDS

# stage NAME CMD...: runs CMD, records PASS/FAIL with its duration. Returns CMD's status.
# Note: bash ignores `set -e` inside a function called from `||`, so every multi-command
# step below chains with && or `|| return` explicitly.
stage() {
    local name=$1
    shift
    local start=$SECONDS rc=0
    echo
    echo "==> $name"
    "$@" || rc=$?
    local took=$((SECONDS - start))
    if ((rc == 0)); then
        summary+=("PASS  $name (${took}s)")
    else
        summary+=("FAIL  $name (exit $rc, ${took}s)")
        failed=1
    fi
    return "$rc"
}

skip() {
    summary+=("SKIP  $1: $2")
}

print_summary() {
    local rc=$?
    echo
    echo "==================== FlowLab test summary ===================="
    local line
    for line in "${summary[@]}"; do
        echo "  $line"
    done
    echo "  total: $((SECONDS - started))s"
    if ((rc == 0 && failed == 0)); then
        echo "RESULT: all checks passed"
    else
        echo "RESULT: FAILED (see the first FAIL above and its output)"
    fi
    echo "=============================================================="
}
trap print_summary EXIT

release_build() {
    flowlab_configure "$FLOWLAB_RELEASE_DIR" "${FLOWLAB_RELEASE_ARGS[@]}" || return
    cmake --build "$FLOWLAB_RELEASE_DIR" -j"$JOBS"
}

release_tests() {
    ctest --test-dir "$FLOWLAB_RELEASE_DIR" --output-on-failure -j"$JOBS" \
        --no-tests=error --timeout "$RELEASE_TEST_TIMEOUT_S"
}

# The benchmark executables in the build (tests/bench: names ending in _bench), one a line.
bench_targets() {
    ninja -C "$FLOWLAB_RELEASE_DIR" -t targets all |
        sed -n 's#^\(.*/\)\{0,1\}\([A-Za-z0-9_]*_bench\): CXX_EXECUTABLE_LINKER.*#\2#p' | sort -u
}

bench_build() {
    local targets=()
    mapfile -t targets < <(bench_targets)
    echo "benchmark targets: ${targets[*]} (compiled only; run them by hand, see docs/performance.md)"
    cmake --build "$FLOWLAB_RELEASE_DIR" -j"$JOBS" --target "${targets[@]}"
}

# The engine must not see Qt: neither at link time (flowlab-cli's shared libraries) nor
# at compile time (include paths or QT_ defines in the engine's and the CLI's commands).
check_no_qt() {
    local cli="$FLOWLAB_RELEASE_DIR/app/flowlab-cli"
    if [[ ! -x "$cli" ]]; then
        echo "error: $cli was not built" >&2
        return 1
    fi
    local linked
    linked=$(ldd "$cli" | grep -i qt || true)
    if [[ -n "$linked" ]]; then
        echo "error: $cli links Qt; the engine and the CLI must stay Qt-free:" >&2
        echo "$linked" >&2
        return 1
    fi
    local commands compiled
    commands=$(ninja -C "$FLOWLAB_RELEASE_DIR" -t commands flowlab-cli) || {
        echo "error: could not list the build commands of flowlab-cli" >&2
        return 1
    }
    compiled=$(grep -oiE '[^ ]*qt6[^ ]*|-DQT_[A-Z_]+' <<<"$commands" | sort -u || true)
    if [[ -n "$compiled" ]]; then
        echo "error: the engine or flowlab-cli is compiled against Qt (flags below);" >&2
        echo "       only ui/ and app/gui may use Qt:" >&2
        echo "$compiled" >&2
        return 1
    fi
    echo "ok: flowlab-cli links no Qt library and no engine/CLI compile command mentions Qt"
}

asan_build() {
    flowlab_configure "$FLOWLAB_ASAN_DIR" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DFLOWLAB_GUI=OFF -DFLOWLAB_BENCH=OFF -DFLOWLAB_TESTS=ON \
        -DFLOWLAB_SANITIZE=address -DFLOWLAB_FUZZ=ON || return
    cmake --build "$FLOWLAB_ASAN_DIR" -j"$JOBS"
}

asan_env() {
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$@"
}

asan_tests() {
    asan_env ctest --test-dir "$FLOWLAB_ASAN_DIR" --output-on-failure -j"$JOBS" \
        --no-tests=error --timeout "$ASAN_TEST_TIMEOUT_S"
}

# Starts from the shipped scenarios, the bad-input files and every earlier finding; a new
# finding stays in build-asan/fuzz/ (copy it into tests/fuzz/regressions/ with its fix).
fuzz_run() {
    local work="$FLOWLAB_ASAN_DIR/fuzz"
    mkdir -p "$work/corpus" || return
    asan_env "$FLOWLAB_ASAN_DIR/tests/fuzz/scenario_fuzz" \
        -seed="$FUZZ_SEED" -runs="$FUZZ_RUNS" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$work/" \
        "$work/corpus" scenarios tests/data/bad tests/fuzz/regressions
}

tsan_build() {
    flowlab_configure "$FLOWLAB_TSAN_DIR" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DFLOWLAB_GUI=OFF -DFLOWLAB_BENCH=OFF -DFLOWLAB_TESTS=ON -DFLOWLAB_SANITIZE=thread || return
    cmake --build "$FLOWLAB_TSAN_DIR" -j"$JOBS" --target thread_tests
}

tsan_tests() {
    TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
        ctest --test-dir "$FLOWLAB_TSAN_DIR" --output-on-failure -j"$JOBS" -L thread \
        --no-tests=error --timeout "$ASAN_TEST_TIMEOUT_S"
}

# The whole tree in the repository's .clang-format style (clang-format 14, Debian 12's).
format_check() {
    local files=()
    mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
    clang-format --dry-run --Werror "${files[@]}"
}

# --- packages: silent unless something is missing --------------------------------------
if flowlab_install_deps; then
    summary+=("PASS  Debian 12 packages present")
else
    summary+=("FAIL  Debian 12 packages (see deps: messages above)")
    exit 1
fi

# --- (a) Release: everything, then all tests ------------------------------------------
if stage "Release build ($FLOWLAB_RELEASE_DIR/: engine, CLI, GUI, tests, benchmarks)" release_build; then
    stage "Release tests (ctest --test-dir $FLOWLAB_RELEASE_DIR)" release_tests || true
    stage "No Qt in the engine or flowlab-cli" check_no_qt || true
    # --- (c) benchmarks: compiled (part of the build above), never run here -----------
    if [[ -n "$(bench_targets)" ]]; then
        stage "Benchmarks compile (not run)" bench_build || true
    else
        skip "Benchmarks compile" "no tests/bench/engine_*_bench.cpp yet"
    fi
else
    skip "Release tests" "the build failed"
    skip "No Qt in the engine or flowlab-cli" "the build failed"
    skip "Benchmarks compile" "the build failed"
fi

stage "Formatting (clang-format --dry-run on every tracked source)" format_check || true

# --- (b) clang ASan+UBSan, GUI off: Qt-free build + engine/CLI tests + fuzzing ---------
if ((quick)); then
    skip "Sanitizer builds, tests and fuzzing ($FLOWLAB_ASAN_DIR/, $FLOWLAB_TSAN_DIR/)" "--quick"
else
    if stage "ASan+UBSan build ($FLOWLAB_ASAN_DIR/: clang, GUI off, fuzz target)" asan_build; then
        stage "ASan+UBSan tests (ctest --test-dir $FLOWLAB_ASAN_DIR)" asan_tests || true
        stage "Fuzzing ($FUZZ_RUNS inputs, seed $FUZZ_SEED, under ASan+UBSan)" fuzz_run || true
    else
        skip "ASan+UBSan tests and fuzzing" "the sanitizer build failed"
    fi
    # --- (c) TSan: the engine's thread boundary (LiveRunner) ----------------------------
    if stage "TSan build ($FLOWLAB_TSAN_DIR/: clang, engine + tests/thread)" tsan_build; then
        stage "TSan tests (ctest -L thread --test-dir $FLOWLAB_TSAN_DIR)" tsan_tests || true
    else
        skip "TSan tests" "the TSan build failed"
    fi
fi

exit "$failed"
