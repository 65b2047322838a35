#!/usr/bin/env bash
# The map's figures for the README, in the real window (scripts/screenshot.sh): the Bahamas Landsat image (3 bands,
# drawn as an RGB composite) over the world's outlines, and over a base map. There is no internet on the build
# machine, so the base map is a stand-in: StandInBaseMap serves RasterDesk's own rendering of the global OpenLandMap
# cropland raster from a local XYZ server. It also adds the two layers to the database and removes them afterwards.
#   scripts/map-screenshots.sh [OUTPUT-DIR]      (default: docs/screenshots)
# RASTERDESK_DB selects another database than the embedded default, as for the window itself.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
out="$(realpath -m "${1:-docs/screenshots}")"
mkdir -p "$out"

mvn -q -B -DskipTests package
# A copy of the classes for the server: screenshot.sh builds again while it runs.
classes="$(mktemp -d)"
cp -r target/classes target/test-classes target/lib "$classes/"
cp="$classes/test-classes:$classes/classes:$classes/lib/*"
layer="Bahamas, Landsat RGB (rasterio sample)"

coproc STANDIN { java -Drasterdesk.test.data="$here/../shared/data" -cp "$cp" org.rasterdesk.ui.map.StandInBaseMap \
    ${RASTERDESK_DB:+"$RASTERDESK_DB"}; }
standin_pid=$STANDIN_PID
finish() {
    # Closing its input stops the server, which removes the layers it added.
    exec {STANDIN[1]}>&- 2>/dev/null || true
    wait "$standin_pid" 2>/dev/null || true
    rm -rf "$classes"
}
trap finish EXIT
read -r template <&"${STANDIN[0]}"
echo "map-screenshots: stand-in base map at $template"

scripts/screenshot.sh --select "$layer" "$out/map-outlines.png"
RASTERDESK_SCREENSHOT_VIEW="7,-76.4,24.4" \
    RASTERDESK_SCREENSHOT_BASEMAP="$template|Stand-in base map: OpenLandMap cropland 2016, drawn by RasterDesk" \
    scripts/screenshot.sh --select "$layer" "$out/map-basemap.png"
