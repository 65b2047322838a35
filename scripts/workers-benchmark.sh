#!/usr/bin/env bash
# Tiles/s of a parse queued for 1, 2, 3... worker processes (`rasterdesk worker`) over the tests' throw-away PostGIS.
# Usage: scripts/workers-benchmark.sh RASTER [MAX_WORKERS] [BLOCK_TILES]
# RASTER: the benchmark raster of ../shared/data/README.md. The machine's load is printed with the figures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -Xmx2g -Drasterdesk.test.data="$PWD/../shared/data" -Djava.awt.headless=true \
    -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
    org.rasterdesk.work.WorkersBenchmark "$@"
