#!/usr/bin/env bash
# Start-up of the real window, launch to usable: how long from starting the program until its window is shown, and
# until it is usable (the database open and its layers listed). Runs under Xvfb with openbox as the window manager
# (a display of its own), warm: one start first that is not counted, then RUNS counted starts, each a new process
# that quits once usable (RASTERDESK_STARTUP_TIMES), so that the embedded database is started again each time.
#   scripts/startup-benchmark.sh [--runs N] [-- COMMAND ARGS...]     (default: ./rasterdesk, 7 runs)
# The machine's load (uptime) is printed before and after: figures from a busy machine are not comparable.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=7
command=("$here/rasterdesk")
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) shift; runs="${1:?--runs needs a number}" ;;
        --) shift; command=("$@"); break ;;
        -h|--help) sed -n 2,7p "$0"; exit 0 ;;
        *) echo "startup-benchmark: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
for program in Xvfb openbox; do
    command -v "$program" >/dev/null 2>&1 || { echo "startup-benchmark: $program is missing" >&2; exit 2; }
done

work="$(mktemp -d)"
xvfb_pid=""
wm_pid=""
cleanup() {
    [ -n "$wm_pid" ] && kill "$wm_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# -displayfd lets the server pick a free display and tell us which.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 100); do
    [ -s "$work/display" ] && break
    sleep 0.1
done
export DISPLAY=":$(head -n 1 "$work/display")"
openbox >/dev/null 2>&1 &
wm_pid=$!
sleep 1

echo "load before: $(uptime)"
# Milliseconds of the moment NAME in the times file, after the launch at $2.
moment() { awk -v m="$1" -v t0="$2" '$1 == m { print $2 - t0 }' "$3"; }
shown_all=()
usable_all=()
for run in $(seq 0 "$runs"); do
    times="$work/times-$run"
    start="$(date +%s%3N)"
    RASTERDESK_STARTUP_TIMES="$times" "${command[@]}" >"$work/out-$run" 2>&1 || {
        echo "startup-benchmark: run $run failed:" >&2
        cat "$work/out-$run" >&2
        exit 1
    }
    shown="$(moment shown "$start" "$times")"
    usable="$(moment usable "$start" "$times")"
    if [ "$run" -eq 0 ]; then
        echo "warm-up start: shown after ${shown} ms, usable after ${usable} ms (not counted)"
        continue
    fi
    echo "run $run: shown after ${shown} ms, usable after ${usable} ms"
    shown_all+=("$shown")
    usable_all+=("$usable")
done
echo "load after: $(uptime)"
summary() {
    printf '%s\n' "${@:2}" | sort -n | awk -v what="$1" '{ v[NR] = $1 }
        END { printf "%s: median %d ms, min %d ms, max %d ms (%d runs)\n", what,
              (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR], NR }'
}
summary "window shown" "${shown_all[@]}"
summary "usable" "${usable_all[@]}"
