#!/usr/bin/env bash
# The map viewer's benchmark (ui/map/MapBenchmark) in a real window: under Xvfb when there is no display.
# Prints the request-to-screen time of uncached tiles and the frame rate while panning over cached ones.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -B -DskipTests package
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
run() { java -Xmx1g -Drasterdesk.test.data="$here/../shared/data" -cp "$cp" org.rasterdesk.ui.map.MapBenchmark; }
if [ -n "${DISPLAY:-}" ]; then
    run
else
    command -v xvfb-run >/dev/null || { echo "map-benchmark: needs a display or xvfb-run (apt-get install xvfb)" >&2; exit 2; }
    xvfb-run -a -s "-screen 0 1600x1000x24" bash -c "$(declare -f run); here='$here'; cp='$cp'; run"
fi
