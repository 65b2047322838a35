#!/usr/bin/env bash
# The .deb as a user gets it: builds it (./rasterdesk package, unless --no-build), installs it with apt, runs the
# installed `rasterdesk --version`, and as a normal user a headless parse of a real GeoTIFF into the embedded PostGIS
# that the installed program creates in that user's data folder; then removes the package, and whatever apt
# brought with it, again. Run as root on Debian or Ubuntu (CI runs it after the tests).
#   installer/test-deb.sh [--no-build] [RASTER.tif]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'test-deb: %s\n' "$*"; }
fail() { say "FAILED: $*"; exit 1; }

build=true
if [ "${1:-}" = --no-build ]; then build=false; shift; fi
raster="${1:-../shared/data/real/django_raster_test.tif}"
[ "$(id -u)" -eq 0 ] || { say "run as root: it installs and removes a package"; exit 2; }
[ -f "$raster" ] || { say "no raster at $raster"; exit 2; }

if $build; then
    ./rasterdesk package -q
fi
deb="$(ls -t target/installer/rasterdesk_*_amd64.deb | head -n 1)"
version="$(dpkg-deb -f "$deb" Version)"
say "$deb: $(du -h "$deb" | cut -f1), version $version, depends on: $(dpkg-deb -f "$deb" Depends | tr -s ' ')"

user=rasterdesk-deb-test
made_user=false
before="$(mktemp)"
dpkg-query -W -f '${Package}\n' | sort > "$before"
cleanup() {
    local added
    if $made_user; then
        # The embedded server stopped with the last command; whatever is left of the user goes with it.
        pkill -u "$user" 2>/dev/null || true
        userdel -r "$user" 2>/dev/null || true
    fi
    added="$(dpkg-query -W -f '${Package}\n' | sort | comm -13 "$before" - | tr '\n' ' ')"
    if [ -n "${added// }" ]; then
        say "removing $added"
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $added >/dev/null
    fi
    [ ! -e /usr/bin/rasterdesk ] || fail "/usr/bin/rasterdesk is still there after the removal"
    [ ! -d /opt/rasterdesk ] || fail "/opt/rasterdesk is still there after the removal"
    rm -f "$before"
}
trap cleanup EXIT

say "apt-get install ./$deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
say "installed with it: $(dpkg-query -W -f '${Package}\n' | sort | comm -13 "$before" - | tr '\n' ' ')"

[ "$(command -v rasterdesk)" = /usr/bin/rasterdesk ] || fail "rasterdesk is not on the PATH"
out="$(rasterdesk --version)"
say "rasterdesk --version: $out"
[[ "$out" == "RasterDesk ${version%-*}"*" (Java 17"* ]] || fail "unexpected version line"
grep -q '^MODULES=.*javafx.controls' /opt/rasterdesk/lib/runtime/release || fail "the runtime lacks JavaFX"
desktop="$(grep -l '^Exec=/opt/rasterdesk/bin/rasterdesk %F' /usr/share/applications/*rasterdesk*.desktop)" \
    || fail "no desktop entry"
grep -q '^MimeType=image/tiff;' "$desktop" || fail "the desktop entry does not open TIFF files"
say "desktop entry $desktop: $(grep -E '^(Icon|MimeType)=' "$desktop" | tr '\n' ' ')"

# A normal user, as users are: the embedded database goes to their own data folder.
if ! id "$user" >/dev/null 2>&1; then
    useradd -m "$user"
    made_user=true
fi
home="$(getent passwd "$user" | cut -d: -f6)"
cp "$raster" "$home/"
file="$home/$(basename "$raster")"
chown "$user" "$file"
as_user() { runuser -u "$user" -- env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"; }
start=$(date +%s)
as_user rasterdesk parse --name deb-smoke "$file" | tail -n 3
say "parse as $user: exit 0 after $(( $(date +%s) - start )) s"
layers="$(as_user rasterdesk layers)"
echo "$layers"
grep -q 'deb-smoke.*Finished parsing' <<<"$layers" || fail "the parsed layer has not finished parsing"
[ -f "$home/.local/share/rasterdesk/cluster/server/data/PG_VERSION" ] || fail "no embedded database in $home/.local/share/rasterdesk"
say "embedded database: $home/.local/share/rasterdesk/cluster"
say "passed"
