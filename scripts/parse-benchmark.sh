#!/usr/bin/env bash
# The parse benchmark of issue 13, side by side with gdal2tiles in the same run (`./rasterdesk bench` runs it):
# makes its inputs with GDAL, then per input and run `./rasterdesk parse` with the launcher's default JVM options
# (installer/java-options) as a whole command under /usr/bin/time -v, its own phase figures (--timings) and their
# throughput (MB/s, pixels/s), and gdal2tiles on the same pixels to the same max zoom.
#
# Usage: scripts/parse-benchmark.sh [--runs N] [--work DIR] [--big] [INPUT...]
#        scripts/parse-benchmark.sh [RUNS] [WORK_DIR]          (the Lisbon raster only, as before)
# Inputs (all by default; --big adds big and bigfloat):
#   lisbon  8000×8000 Float32, UTM 29N, DEFLATE + predictor 3, made from LisbonElevation.tif (../shared/data/README.md)
#   byte    8000×8000 Byte, EPSG:4326, ten classes (categorical), made from LisbonElevation.tif
#   utm     2000×2000 Float32, UTM 33N, made from dom1_32_356_5699_1_nw_2020.tif
#   small   django-raster's own 163×174 test raster (categorical), as it is
#   big     40000×40000 Byte, EPSG:4326, ten classes: the byte raster at five times its resolution (1.6 GB of pixels)
#   bigfloat 40000×40000 Float32, UTM 29N: the lisbon raster at five times its resolution, bilinear (6.4 GB of pixels)
# RASTERDESK_HOME=DIR runs DIR/rasterdesk instead (another checkout, for a before/after in the same run);
# GDAL2TILES=0 leaves gdal2tiles out (on a busy machine it takes minutes); RASTERDESK_JAVA_OPTS as for the launcher.
# Parses into the embedded database of the user who runs it, as layers named "bench INPUT N"; when every run is done,
# all but the last run's layer are deleted again (rasterdesk delete), so that repeated benchmarks do not grow the
# database by a gigabyte a Lisbon run and measure a fuller database each time.
# django-raster side by side: when DJANGO_RASTER_BENCH=DIR (default /opt/django-raster-bench when it exists; 0 turns
# it off) holds django-raster as scripts/django-raster-bench-setup.sh installs it, every run of lisbon, byte, utm and
# small also parses the same file with django-raster to the same max zoom (scripts/django-raster-bench/: a layer
# created from the file, parsed in the process by its Celery task run eagerly; DJRASTER_MODE=chain|sync for its other
# ways; chain loses zooms 10 and up on Debian 12) into the database django_raster of the same embedded cluster,
# timed the same way, and prints the ratios (speed-up of RasterDesk = django-raster time / RasterDesk time).
# Only the last run's django-raster layer is kept there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=3
work="$here/target/parse-benchmark"
big=0
inputs=()
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
    runs="$1"
    work="${2:-$work}"
    inputs=(lisbon)
else
    while [ $# -gt 0 ]; do
        case "$1" in
            --runs) runs="$2"; shift 2 ;;
            --work) work="$2"; shift 2 ;;
            --big) big=1; shift ;;
            -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
            lisbon|byte|utm|small|big|bigfloat) inputs+=("$1"); shift ;;
            *) echo "parse-benchmark: unknown input or option $1 (--help)" >&2; exit 2 ;;
        esac
    done
    if [ ${#inputs[@]} -eq 0 ]; then
        inputs=(lisbon byte utm small)
        [ "$big" = 1 ] && inputs+=(big bigfloat)
    fi
fi
data="$here/../shared/data/real"
mkdir -p "$work"
launcher="${RASTERDESK_HOME:-$here}"

for tool in gdalwarp gdal_translate gdal_calc.py gdal2tiles.py /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "parse-benchmark: $tool is needed (gdal-bin, python3-gdal, time)" >&2; exit 2; }
done

# Makes an input once (kept in the work folder) and prints: file, layer datatype, gdal2tiles input, its resampling.
make_input() {
    local name="$1" f
    case "$name" in
        lisbon)
            f="$work/lisbon_dem_utm29n_8000.tif"
            [ -f "$f" ] || gdalwarp -q -s_srs EPSG:4326 -t_srs EPSG:32629 -te 479500 4281350 492300 4294150 -tr 1.6 1.6 \
                -r cubic -ot Float32 -dstnodata -9999 -co TILED=YES -co BLOCKXSIZE=256 -co BLOCKYSIZE=256 \
                -co COMPRESS=DEFLATE -co PREDICTOR=3 "$data/LisbonElevation.tif" "$f"
            # PNG tiles need 8-bit data: the same pixels scaled to Byte.
            gdal_translate -q -of VRT -ot Byte -scale -23 219 1 255 -a_nodata 0 "$f" "$work/lisbon_byte.vrt"
            echo "$f co $work/lisbon_byte.vrt average" ;;
        byte)
            f="$work/classes_4326_8000.tif"
            if [ ! -f "$f" ]; then
                gdalwarp -q -ts 8000 8000 -r bilinear -ot Float32 "$data/LisbonElevation.tif" "$work/byte_src.tif"
                gdal_calc.py --quiet -A "$work/byte_src.tif" --calc "clip((A + 23) / 25, 0, 9)" --type Byte \
                    --NoDataValue 255 --co TILED=YES --co COMPRESS=DEFLATE --outfile "$f"
                rm -f "$work/byte_src.tif"
            fi
            echo "$f ca $f near" ;;
        utm)
            f="$work/dsm_utm33n_2000.tif"
            [ -f "$f" ] || gdalwarp -q -t_srs EPSG:32633 -ts 2000 2000 -r bilinear -ot Float32 -co TILED=YES \
                -co COMPRESS=DEFLATE -co PREDICTOR=3 "$data/dom1_32_356_5699_1_nw_2020.tif" "$f"
            gdal_translate -q -of VRT -ot Byte -scale -a_nodata 0 "$f" "$work/utm_byte.vrt"
            echo "$f co $work/utm_byte.vrt average" ;;
        small)
            echo "$data/django_raster_test.tif ca $data/django_raster_test.tif near" ;;
        big)
            f="$work/classes_4326_40000.tif"
            if [ ! -f "$f" ]; then
                make_input byte >/dev/null
                gdalwarp -q -ts 40000 40000 -r near -co TILED=YES -co COMPRESS=DEFLATE -co BIGTIFF=IF_SAFER \
                    "$work/classes_4326_8000.tif" "$f"
            fi
            echo "$f ca $f near" ;;
        bigfloat)
            f="$work/lisbon_dem_utm29n_40000.tif"
            if [ ! -f "$f" ]; then
                make_input lisbon >/dev/null
                gdalwarp -q -multi -wo NUM_THREADS=ALL_CPUS -ts 40000 40000 -r bilinear -co TILED=YES \
                    -co COMPRESS=DEFLATE -co PREDICTOR=3 -co ZLEVEL=1 -co BIGTIFF=YES \
                    "$work/lisbon_dem_utm29n_8000.tif" "$f"
            fi
            gdal_translate -q -of VRT -ot Byte -scale -23 219 1 255 -a_nodata 0 "$f" "$work/lisbon_40000_byte.vrt"
            echo "$f co $work/lisbon_40000_byte.vrt average" ;;
    esac
}

# Field of GNU time's -v output.
field() { sed -n "s/^[[:space:]]*$1: //p" "$2"; }
seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rasterdesk: $launcher ($(git -C "$launcher" rev-parse --short HEAD 2>/dev/null || echo 'no git')), java options:" \
    "${RASTERDESK_JAVA_OPTS:-$(sed -n 's/^--java-options[[:space:]]\{1,\}//p' "$launcher/installer/java-options" 2>/dev/null | tr '\n' ' ')}"
# django-raster, when installed for the benchmark: its harness, its sources and the cluster's folder.
djr_home="${DJANGO_RASTER_BENCH:-}"
[ -z "$djr_home" ] && [ -d /opt/django-raster-bench/lib/raster ] && djr_home=/opt/django-raster-bench
[ "$djr_home" = 0 ] && djr_home=""
djr_cluster="${RASTERDESK_CLUSTER:-${XDG_DATA_HOME:-$HOME/.local/share}/rasterdesk/cluster}"
djr=(env PYTHONPATH="$djr_home/lib" DJRASTER_MEDIA_ROOT="$work/django-raster/media" DJRASTER_WORKDIR="$work/django-raster/tmp"
    RASTERDESK_CLUSTER="$djr_cluster" /usr/bin/python3 -W ignore "$here/scripts/django-raster-bench/djraster_bench.py")
# The cluster's server, started by a RasterDesk command when its idle time has stopped it (not timed).
djr_server_up() {
    local pid
    pid="$(head -n 1 "$djr_cluster/server/data/postmaster.pid" 2>/dev/null || true)"
    if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
        (cd "$launcher" && ./rasterdesk layers >/dev/null 2>&1) || true
    fi
}
if [ -z "$djr_home" ]; then
    echo "django-raster: not installed for the benchmark (scripts/django-raster-bench-setup.sh, then DJANGO_RASTER_BENCH=DIR):" \
        "no side-by-side figures for it"
elif ! PYTHONPATH="$djr_home/lib" /usr/bin/python3 -c 'import raster, colorful, django, celery, osgeo' 2>/dev/null; then
    echo "django-raster: $djr_home/lib does not import with /usr/bin/python3 (scripts/django-raster-bench-setup.sh)" >&2
    exit 2
else
    djr_server_up
    mkdir -p "$work/django-raster"
    "${djr[@]}" prepare >"$work/django-raster/prepare.txt" 2>&1 || { echo "django-raster: its database could not be made, see $work/django-raster/prepare.txt" >&2; exit 2; }
    echo "django-raster: $djr_home ($(sed -n 's/^django-raster \([0-9a-f]\{7\}\).*/\1/p' "$djr_home/SOURCES" 2>/dev/null)," \
        "Django $(/usr/bin/python3 -c 'import django; print(django.get_version())'), mode ${DJRASTER_MODE:-single}), database django_raster in the same cluster"
fi
# Checkouts from before --timings existed are measured by time alone.
timings_option=""
(cd "$launcher" && ./rasterdesk parse --help 2>&1 | grep -q -- --timings) && timings_option="--timings"

# MB/s and pixels/s of a run, from its --timings line: over the parse's wall, and per busy second of the phases that
# move the bytes (reading the file, sampling the tiles, the server's writing of their WKB).
throughput() {
    awk -v line="$1" 'function per(a, b) { return b > 0 ? a / b / 1000000 : 0 }
    BEGIN {
        n = split(line, kv, " ")
        for (k = 1; k <= n; k++) { split(kv[k], p, "="); v[p[1]] = p[2] }
        printf "  throughput: %.1f Mpx/s of source, %.0f MB/s of tiles over the parse'"'"'s wall; read %.0f MB/s of file (%.0f Mpx/s), warp %.0f Mpx/s of tiles, write %.0f MB/s of WKB, per busy second\n", \
            per(v["source_pixels"], v["wall"]), per(v["tile_bytes"], v["wall"]), per(v["source_bytes"], v["read"]), \
            per(v["source_pixels"], v["read"]), per(v["tiles"] * 65536, v["warp"]), per(v["tile_bytes"], v["write"])
    }'
}

made_layers=()
for input in "${inputs[@]}"; do
    read -r file datatype g2t_input g2t_resampling <<<"$(make_input "$input")"
    echo "== $input: $(basename "$file") ($(gdalinfo "$file" 2>/dev/null | sed -n 's/^Size is //p' | tr -d ' '), $(du -h "$file" | cut -f1))"
    for i in $(seq 1 "$runs"); do
        out="$work/$input-parse-$i.txt"
        (cd "$launcher" && /usr/bin/time -v -o "$work/$input-time-$i.txt" ./rasterdesk parse --name "bench $input $i" \
            --datatype "$datatype" $timings_option "$file" >"$out" 2>&1) || { echo "run $i: the parse failed, see $out"; continue; }
        made_layers+=($(sed -n 's/^Created \(mosaic \)\{0,1\}layer \([0-9][0-9]*\).*/\2/p' "$out" | head -n 1))
        wall="$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$work/$input-time-$i.txt" | seconds)"
        rss="$(field 'Maximum resident set size (kbytes)' "$work/$input-time-$i.txt")"
        cpu="$(awk -v u="$(field 'User time (seconds)' "$work/$input-time-$i.txt")" \
            -v s="$(field 'System time (seconds)' "$work/$input-time-$i.txt")" 'BEGIN { printf "%.1f", u + s }')"
        timings="$(sed -n 's/^timings: //p' "$out")"
        tiles="$(sed -n 's/.* tiles=\([0-9]*\).*/\1/p' <<<"$timings")"
        [ -n "$tiles" ] || tiles="$(sed -n 's/.*Made \([0-9]*\) tiles.*/\1/p' "$out")"
        zoom="$(sed -n 's/.*tiles at zoom \([0-9]*\) .*/\1/p' "$out" | head -1)"
        line="$(awk -v i="$i" -v w="$wall" -v t="${tiles:-0}" -v r="$rss" -v c="$cpu" -v z="$zoom" \
            'BEGIN { printf "run %d: rasterdesk %.1f s (cpu %.1f s), z0-%s %d tiles, %.0f tiles/s, peak RSS %.0f MiB", i, w, c, z, t, t / w, r / 1024 }')"
        if [ "${GDAL2TILES:-1}" != 0 ] && [ -n "$zoom" ]; then
            rm -rf "$work/g2t"
            /usr/bin/time -v -o "$work/$input-g2t-time-$i.txt" gdal2tiles.py --xyz -z "0-$zoom" -r "$g2t_resampling" \
                --processes=2 -q "$g2t_input" "$work/g2t/" >/dev/null 2>&1
            gwall="$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$work/$input-g2t-time-$i.txt" | seconds)"
            gtiles="$(find "$work/g2t" -name '*.png' | wc -l)"
            line="$line$(awk -v w="$wall" -v t="${tiles:-0}" -v gw="$gwall" -v gt="$gtiles" \
                'BEGIN { printf " | gdal2tiles %.1f s, %d tiles, %.0f tiles/s | ratio %.2f in tiles/s, %.2f in wall time", gw, gt, gt / gw, (t / w) / (gt / gw), gw / w }')"
        fi
        echo "$line | load $(cut -d' ' -f1 /proc/loadavg)"
        if [ -n "$timings" ]; then
            echo "  phases (busy s): $timings"
            throughput "$timings"
        fi
        if [ -n "$djr_home" ]; then
            case "$input" in big|bigfloat) echo "  django-raster: not run on $input (it holds the whole raster in memory)"; continue ;; esac
            # The previous run's layer goes first, so that the database and the media folder do not grow (not timed).
            djr_server_up
            "${djr[@]}" clean >/dev/null 2>&1 || true
            dout="$work/$input-django-raster-$i.txt"
            if ! /usr/bin/time -v -o "$work/$input-django-raster-time-$i.txt" "${djr[@]}" parse --name "bench $input $i" --datatype "$datatype" ${zoom:+--max-zoom "$zoom"} --log "$file" >"$dout" 2>&1; then
                echo "  django-raster: the parse failed, see $dout"
                continue
            fi
            dtime="$work/$input-django-raster-time-$i.txt"
            dwall="$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$dtime" | seconds)"
            drss="$(field 'Maximum resident set size (kbytes)' "$dtime")"
            dcpu="$(awk -v u="$(field 'User time (seconds)' "$dtime")" -v s="$(field 'System time (seconds)' "$dtime")" \
                'BEGIN { printf "%.1f", u + s }')"
            dres="$(sed -n 's/^django-raster: //p' "$dout")"
            dtiles="$(sed -n 's/.*tiles=\([0-9]*\).*/\1/p' <<<"$dres")"
            dzooms="$(sed -n 's/.*zooms=\([^ ]*\).*/\1/p' <<<"$dres")"
            awk -v w="$dwall" -v t="${dtiles:-0}" -v r="$drss" -v c="$dcpu" -v z="$dzooms" -v rw="$wall" -v rc="$cpu" \
                -v rr="$rss" -v st="$(sed -n 's/.* start=\([0-9.]*\)s parse=\([0-9.]*\)s server_cpu=\([^ ]*\).*/start \1 s, parse \2 s, server cpu \3/p' <<<"$dres")" \
                'BEGIN { printf "  django-raster %.1f s (cpu %.1f s; %s), z%s %d tiles, %.0f tiles/s, peak RSS %.0f MiB | speed-up of rasterdesk %.2f× in wall time, %.2f× in CPU; peak RSS rasterdesk/django-raster %.2f\n", w, c, st, z, t, t / w, r / 1024, w / rw, c / rc, rr / r }'
        fi
    done
done
# Not during the runs: a deleted layer's gigabyte of tiles leaves the server vacuuming under the next timed parse.
if [ ${#made_layers[@]} -gt 1 ]; then
    (cd "$launcher" && ./rasterdesk delete "${made_layers[@]:0:${#made_layers[@]}-1}" >/dev/null 2>&1) \
        || echo "the benchmark's layers ${made_layers[*]:0:${#made_layers[@]}-1} could not be deleted (a checkout without rasterdesk delete?)"
fi
