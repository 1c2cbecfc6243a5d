#!/usr/bin/env bash
# Debian 12 packages FlowLab needs, and an installer that only touches apt when
# something is missing. Sourced by test.sh and run.sh; run directly, it just installs.
#
# Boost is pinned to 1.81 on purpose: Debian 12's default libboost-dev is 1.74,
# whose Asio and JSON differ (see cmake/FlowlabDependencies.cmake).
# xvfb and libgl1-mesa-dev let the GUI and its tests start on a headless machine.
# clang and its runtime build the sanitizer and fuzzing trees; clang-format checks style.
# libgraphviz-dev: the app lays out scenarios without positions with Graphviz's dot.
# qt6-svg-dev: the app exports the canvas and charts as SVG.
# dpkg-dev, appstream and desktop-file-utils: CPack's .deb (dpkg-shlibdeps) and the
# install test's checks of the AppStream metadata and the desktop entry.

FLOWLAB_PACKAGES=(
    cmake ninja-build g++ ccache
    clang libclang-rt-14-dev clang-format
    qt6-base-dev qt6-charts-dev qt6-svg-dev libgraphviz-dev
    libboost1.81-dev libboost-json1.81-dev
    libgtest-dev libbenchmark-dev
    xvfb libgl1-mesa-dev
    dpkg-dev appstream desktop-file-utils
)

# Prints the packages of FLOWLAB_PACKAGES that are not installed, one a line.
flowlab_missing_packages() {
    local pkg status
    for pkg in "${FLOWLAB_PACKAGES[@]}"; do
        status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
        [[ "$status" == "install ok installed" ]] || printf '%s\n' "$pkg"
    done
}

# Installs whatever is missing. Silent when everything is already there.
# Set FLOWLAB_SKIP_DEPS=1 to skip the check (e.g. a non-Debian machine set up by hand).
flowlab_install_deps() {
    if [[ "${FLOWLAB_SKIP_DEPS:-0}" == 1 ]]; then
        return 0
    fi
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        echo "deps: no dpkg-query/apt-get here (not Debian?); skipping the package check." >&2
        echo "deps: install the equivalents of: ${FLOWLAB_PACKAGES[*]}" >&2
        return 0
    fi

    local missing=()
    mapfile -t missing < <(flowlab_missing_packages)
    if ((${#missing[@]} == 0)); then
        return 0
    fi

    local as_root=()
    if ((EUID != 0)); then
        if command -v sudo >/dev/null 2>&1; then
            as_root=(sudo)
        else
            echo "deps: missing packages (${missing[*]}), and not root with no sudo to install them." >&2
            echo "deps: as root, run: apt-get install ${missing[*]}" >&2
            return 1
        fi
    fi

    echo "deps: installing missing packages: ${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || {
        echo "deps: apt-get update failed" >&2
        return 1
    }
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq -o Dpkg::Use-Pty=0 "${missing[@]}" || {
        echo "deps: apt-get install failed for: ${missing[*]}" >&2
        return 1
    }

    # apt can exit 0 and still leave a package out (held, renamed): check again.
    mapfile -t missing < <(flowlab_missing_packages)
    if ((${#missing[@]} != 0)); then
        echo "deps: still missing after install: ${missing[*]}" >&2
        return 1
    fi
    echo "deps: done."
}

# Run directly (not sourced): install and report.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    flowlab_install_deps
fi
