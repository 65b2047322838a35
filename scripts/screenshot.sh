#!/usr/bin/env bash
# Screenshot of the real main window: starts Xvfb on a free display, runs ./rasterdesk there until the window has
# loaded its layers, and saves the scene as a PNG.
#   scripts/screenshot.sh [--demo | --parse] [--select NAME] [--demo-legends] [--legend TITLE] [OUTPUT.png]
#   (default: docs/screenshots/main-window.png)
# --demo adds a few realistic layers (DemoLayers) to the database first and removes them afterwards.
# --parse adds real rasters of ../shared/data as a drop would (RASTERDESK_ADD), photographs the window while they
#   parse (RASTERDESK_SCREENSHOT_DELAY, default 18 s after the list loaded) and removes those layers afterwards.
#   Several files ask one layer each or one mosaic; a screenshot answers with the default, one layer each.
# --select NAME shows that layer in the form and details before the shot.
# --demo-legends adds two legends (DemoLegends: land cover classes, a temperature ramp) and removes them afterwards.
# --legend TITLE photographs the legend editor window showing that legend instead of the main window.
# RASTERDESK_DB selects another database than the embedded default, as for the window itself.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

demo=false
parse=false
select=""
demo_legends=false
legend=""
out="docs/screenshots/main-window.png"
while [ $# -gt 0 ]; do
    case "$1" in
        --demo) demo=true ;;
        --parse) parse=true ;;
        --select) shift; select="${1:?--select needs a layer name}" ;;
        --demo-legends) demo_legends=true ;;
        --legend) shift; legend="${1:?--legend needs a legend title}" ;;
        -h|--help) sed -n 2,13p "$0"; exit 0 ;;
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

# The cropland grid first, the file with the most tiles: it is still parsing when the picture is taken while the
# others pass through the second parse slot.
data="$(realpath -m ../shared/data/real)"
parse_files=("$data/openlandmap_cropland_10km_2016.tif" "$data/django_raster_test.tif"
    "$data/gpm_1d.20240617.tif" "$data/LisbonElevation.tif" "$data/dom1_32_356_5699_1_nw_2020.tif")
demo_legend_rows() {
    java -cp "$cp" org.rasterdesk.ui.DemoLegends "$1" ${RASTERDESK_DB:+"$RASTERDESK_DB"}
}
added_layers() { java -cp "$cp" org.rasterdesk.ui.AddedLayers ${RASTERDESK_DB:+--db "$RASTERDESK_DB"} "$@"; }
last_id=""

xvfb_pid=""
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    if $demo; then demo_layers remove || true; fi
    if $demo_legends; then demo_legend_rows remove || true; fi
    if $parse && [ -n "$last_id" ]; then added_layers remove "$last_id" "${parse_files[@]}" || true; fi
}
trap cleanup EXIT

if $demo; then
    demo_layers add
fi
if $demo_legends; then
    demo_legend_rows add
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
if $parse; then
    last_id="$(added_layers last-id | tail -1)"
    export RASTERDESK_ADD="$(IFS=:; echo "${parse_files[*]}")"
    export RASTERDESK_SCREENSHOT_DELAY="${RASTERDESK_SCREENSHOT_DELAY:-18}"
fi
DISPLAY="$display" RASTERDESK_SCREENSHOT="$out" RASTERDESK_SCREENSHOT_SELECT="$select" \
    RASTERDESK_SCREENSHOT_LEGEND="$legend" timeout 300 ./rasterdesk
[ -s "$out" ] || { echo "screenshot: the window saved no screenshot" >&2; exit 1; }
echo "screenshot: $out ($(du -k "$out" | cut -f1) KB)"
