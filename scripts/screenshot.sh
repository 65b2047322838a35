#!/usr/bin/env bash
# Screenshot of the real main window: starts Xvfb on a free display, runs ./rasterdesk there until the window has
# loaded its layers, and saves the scene as a PNG.
#   scripts/screenshot.sh [--demo] [--select NAME] [OUTPUT.png]  (default output: docs/screenshots/main-window.png)
# --demo adds a few realistic layers (DemoLayers) to the database first and removes them afterwards.
# --select NAME shows that layer in the form and details before the shot.
# RASTERDESK_DB selects another database than the embedded default, as for the window itself.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

demo=false
select=""
out="docs/screenshots/main-window.png"
while [ $# -gt 0 ]; do
    case "$1" in
        --demo) demo=true ;;
        --select) shift; select="${1:?--select needs a layer name}" ;;
        -h|--help) sed -n 2,7p "$0"; exit 0 ;;
        *) out="$1" ;;
    esac
    shift
done
out="$(realpath -m "$out")"

command -v Xvfb >/dev/null 2>&1 || { echo "screenshot: Xvfb is missing (sudo apt-get install xvfb)" >&2; exit 2; }

# Test classes hold DemoLayers; -DskipTests still compiles them.
mvn -q -B -DskipTests package
cp="target/test-classes:target/rasterdesk.jar:target/lib/*"
demo_layers() {
    java -Drasterdesk.test.data="$here/../shared/data" -cp "$cp" org.rasterdesk.ui.DemoLayers "$1" \
        ${RASTERDESK_DB:+"$RASTERDESK_DB"}
}

xvfb_pid=""
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    if $demo; then demo_layers remove || true; fi
}
trap cleanup EXIT

if $demo; then
    demo_layers add
fi

# -displayfd lets the server pick a free display and tell us which.
display_file="$(mktemp)"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$display_file" 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 50); do
    [ -s "$display_file" ] && break
    sleep 0.1
done
display=":$(tr -d '[:space:]' < "$display_file")"
rm -f "$display_file"
[ "$display" != ":" ] || { echo "screenshot: Xvfb did not start" >&2; exit 1; }

rm -f "$out"
DISPLAY="$display" RASTERDESK_SCREENSHOT="$out" RASTERDESK_SCREENSHOT_SELECT="$select" timeout 300 ./rasterdesk
[ -s "$out" ] || { echo "screenshot: the window saved no screenshot" >&2; exit 1; }
echo "screenshot: $out ($(du -k "$out" | cut -f1) KB)"
