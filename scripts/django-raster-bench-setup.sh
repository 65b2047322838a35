#!/usr/bin/env bash
# Makes django-raster runnable on Debian 12 for the parse benchmark only (scripts/parse-benchmark.sh runs it side
# by side with RasterDesk when it finds it); the tests and CI never use it.
#
# Usage (as root for the packages): scripts/django-raster-bench-setup.sh RASTER_SRC COLORFUL_SRC [DEST]
#   RASTER_SRC    django-raster's source: a clone of https://github.com/geodesign/django-raster (a work tree or a
#                 bare git directory, whose HEAD is taken); measured with 5111e2e (v0.8.1, December 2023)
#   COLORFUL_SRC  the same for django-colorful (https://github.com/charettes/django-colorful), its model field
#   DEST          where it goes, outside any git checkout: /opt/django-raster-bench by default
#
# django-raster is not packaged by Debian and needs no build, so this installs its dependencies from Debian 12
# (python3-django 3.2, python3-celery 5.2, python3-numpy 1.24, python3-gdal 3.6, python3-psycopg2, python3-boto3,
# python3-pil, python3-pyparsing), copies both sources to DEST/lib (to put on PYTHONPATH; no pip, no PyPI), and
# patches what those versions removed, each patch checked to apply and listed in DEST/PATCHES:
#   - raster/algebra/parser.py: numpy.bool -> bool (the alias was removed in numpy 1.24; raster algebra only).
# The harness (settings and the parse command) stays in scripts/django-raster-bench/; the benchmark uses it with
# DJANGO_RASTER_BENCH=DEST (or finds /opt/django-raster-bench), parsing into a database of its own, django_raster,
# in the benchmark user's embedded cluster, so that both programs write to the same PostgreSQL in the same run.
# Run it again to replace DEST/lib with other sources.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
raster_src="$1"
colorful_src="$2"
dest="${3:-/opt/django-raster-bench}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python=/usr/bin/python3

packages="python3-django python3-celery python3-numpy python3-gdal python3-psycopg2 python3-boto3 python3-pil
    python3-pyparsing"
if ! "$python" -c 'import django, celery, numpy, osgeo, psycopg2, boto3, PIL, pyparsing' 2>/dev/null; then
    [ "$(id -u)" -eq 0 ] || { echo "django-raster-bench-setup: as root, or install first: $(echo $packages)" >&2; exit 2; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages
fi

# Copies a source (work tree or git directory) to $2 and prints its commit, when it has one.
unpack() {
    local src="$1" to="$2"
    rm -rf "$to"
    mkdir -p "$to"
    if git --git-dir="$src" rev-parse --verify -q HEAD >/dev/null 2>&1 && [ ! -d "$src/.git" ]; then
        git --git-dir="$src" archive HEAD | tar x -C "$to"
        git --git-dir="$src" rev-parse HEAD
    else
        (cd "$src" && tar c --exclude=.git .) | tar x -C "$to"
        git -C "$src" rev-parse HEAD 2>/dev/null || echo "no git"
    fi
}

case "$(cd "$here" && realpath -m "$dest")/" in
    "$here"/*) echo "django-raster-bench-setup: $dest is inside the checkout; put it outside git" >&2; exit 2 ;;
esac
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
raster_commit="$(unpack "$raster_src" "$stage/django-raster")"
colorful_commit="$(unpack "$colorful_src" "$stage/django-colorful")"
[ -f "$stage/django-raster/raster/tiles/parser.py" ] || { echo "django-raster-bench-setup: $raster_src is not django-raster" >&2; exit 2; }
[ -f "$stage/django-colorful/colorful/fields.py" ] || { echo "django-raster-bench-setup: $colorful_src is not django-colorful" >&2; exit 2; }

mkdir -p "$dest"
rm -rf "$dest/lib"
mkdir -p "$dest/lib"
cp -r "$stage/django-raster/raster" "$stage/django-colorful/colorful" "$dest/lib/"
{
    echo "django-raster $raster_commit from $raster_src"
    echo "django-colorful $colorful_commit from $colorful_src"
} >"$dest/SOURCES"
: >"$dest/PATCHES"

# Replaces a literal text in a file of DEST/lib, failing when it is not there (a patch must not silently not apply).
patch_text() {
    local file="$1" from="$2" to="$3" why="$4"
    "$python" - "$dest/lib/$file" "$from" "$to" <<'PY'
import sys
path, old, new = sys.argv[1:4]
text = open(path).read()
if old not in text:
    sys.exit('django-raster-bench-setup: %r not found in %s' % (old, path))
open(path, 'w').write(text.replace(old, new))
PY
    echo "$file: '$from' -> '$to': $why" >>"$dest/PATCHES"
}
patch_text raster/algebra/parser.py "dtype=numpy.bool)" "dtype=bool)" "numpy 1.24 removed the numpy.bool alias"

# The modules a parse and the tile views use must import under Debian 12's versions (Django set up with the harness's settings).
PYTHONPATH="$dest/lib:$here/scripts/django-raster-bench" DJANGO_SETTINGS_MODULE=djraster_bench_settings "$python" -W ignore -c '
import django
django.setup()
import raster.models, raster.tasks, raster.tiles.parser, raster.algebra.parser, raster.views, raster.urls
' || { echo "django-raster-bench-setup: django-raster does not import; see above" >&2; exit 1; }
chmod -R a+rX "$dest"
echo "django-raster is in $dest/lib ($(head -c 7 <<<"$raster_commit")); patches: $dest/PATCHES"
echo "benchmark: DJANGO_RASTER_BENCH=$dest ./rasterdesk bench ...   (as the user whose embedded database is used)"
