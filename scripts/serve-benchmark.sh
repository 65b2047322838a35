#!/usr/bin/env bash
# Load figures of `rasterdesk serve`: wrk against the tile server over a throw-away PostGIS with real layers
# (tests' fixture), cached and uncached tiles. Usage: scripts/serve-benchmark.sh [SECONDS] [CONNECTIONS] [RUNS]
# Needs wrk (apt-get install wrk). Each run is bounded in time; the machine's load is printed with the figures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v wrk >/dev/null 2>&1 || { echo "serve-benchmark: wrk is needed (apt-get install wrk)" >&2; exit 2; }
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -Xmx2g -Drasterdesk.test.data="$PWD/../shared/data" -Djava.awt.headless=true \
    -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
    org.rasterdesk.serve.ServeBenchmark "$@"
