#!/usr/bin/env bash
# The parse benchmark of issue 13 on the Lisbon raster (../shared/data/README.md), side by side with gdal2tiles in
# the same run: `./rasterdesk parse` with the launcher's default JVM options (installer/java-options) as a whole
# command under /usr/bin/time -v, its own phase figures (--timings), and gdal2tiles on the same pixels.
# Usage: scripts/parse-benchmark.sh [RUNS] [WORK_DIR]   (default 3 runs in target/parse-benchmark)
# RASTERDESK_HOME=DIR runs DIR/rasterdesk instead (another checkout, for a before/after in the same run);
# GDAL2TILES=0 leaves gdal2tiles out (on a busy machine it takes minutes).
# Parses into the embedded database of the user who runs it (the layers are left there, named "bench lisbon N").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
work="${2:-$here/target/parse-benchmark}"
data="$here/../shared/data/real/LisbonElevation.tif"
mkdir -p "$work"
lisbon="$work/lisbon_dem_utm29n_8000.tif"
launcher="${RASTERDESK_HOME:-$here}"

for tool in gdalwarp gdal_translate gdal2tiles.py /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "parse-benchmark: $tool is needed (gdal-bin, time)" >&2; exit 2; }
done
if [ ! -f "$lisbon" ]; then
    gdalwarp -q -s_srs EPSG:4326 -t_srs EPSG:32629 -te 479500 4281350 492300 4294150 -tr 1.6 1.6 -r cubic \
        -ot Float32 -dstnodata -9999 -co TILED=YES -co BLOCKXSIZE=256 -co BLOCKYSIZE=256 \
        -co COMPRESS=DEFLATE -co PREDICTOR=3 "$data" "$lisbon"
fi
gdal_translate -q -of VRT -ot Byte -scale -23 219 1 255 -a_nodata 0 "$lisbon" "$work/in_byte.vrt"

# Field of GNU time's -v output.
field() { sed -n "s/^[[:space:]]*$1: //p" "$2"; }
seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rasterdesk: $launcher ($(git -C "$launcher" rev-parse --short HEAD 2>/dev/null || echo 'no git')), java options:" \
    "${RASTERDESK_JAVA_OPTS:-$(sed -n 's/^--java-options[[:space:]]\{1,\}//p' "$launcher/installer/java-options" 2>/dev/null | tr '\n' ' ')}"
# Checkouts from before --timings existed are measured by time alone.
timings_option=""
(cd "$launcher" && ./rasterdesk parse --help 2>&1 | grep -q -- --timings) && timings_option="--timings"
for i in $(seq 1 "$runs"); do
    out="$work/parse-$i.txt"
    (cd "$launcher" && /usr/bin/time -v -o "$work/time-$i.txt" ./rasterdesk parse --name "bench lisbon $i" $timings_option \
        "$lisbon" >"$out" 2>&1)
    wall="$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$work/time-$i.txt" | seconds)"
    rss="$(field 'Maximum resident set size (kbytes)' "$work/time-$i.txt")"
    cpu="$(awk -v u="$(field 'User time (seconds)' "$work/time-$i.txt")" \
        -v s="$(field 'System time (seconds)' "$work/time-$i.txt")" 'BEGIN { printf "%.1f", u + s }')"
    timings="$(sed -n 's/^timings: //p' "$out")"
    tiles="$(sed -n 's/.* tiles=\([0-9]*\).*/\1/p' <<<"$timings")"
    [ -n "$tiles" ] || tiles="$(sed -n 's/.*Made \([0-9]*\) tiles.*/\1/p' "$out")"
    if [ "${GDAL2TILES:-1}" = 0 ]; then
        awk -v i="$i" -v w="$wall" -v t="$tiles" -v r="$rss" -v c="$cpu" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
            'BEGIN { printf "run %d: rasterdesk %.1f s (cpu %.1f s), %d tiles, %.0f tiles/s, peak RSS %.0f MiB | load %s\n", i, w, c, t, t / w, r / 1024, l }'
        echo "  phases: $timings"
        continue
    fi
    rm -rf "$work/g2t"
    /usr/bin/time -v -o "$work/g2t-time-$i.txt" gdal2tiles.py --xyz -z 0-17 --processes=2 -q "$work/in_byte.vrt" \
        "$work/g2t/" >/dev/null 2>&1
    gwall="$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$work/g2t-time-$i.txt" | seconds)"
    gtiles="$(find "$work/g2t" -name '*.png' | wc -l)"
    awk -v i="$i" -v w="$wall" -v t="$tiles" -v r="$rss" -v c="$cpu" -v gw="$gwall" -v gt="$gtiles" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
        'BEGIN { printf "run %d: rasterdesk %.1f s (cpu %.1f s), %d tiles, %.0f tiles/s, peak RSS %.0f MiB | gdal2tiles %.1f s, %d tiles, %.0f tiles/s | ratio %.2f | load %s\n", i, w, c, t, t / w, r / 1024, gw, gt, gt / gw, (t / w) / (gt / gw), l }'
    echo "  phases: $timings"
done
