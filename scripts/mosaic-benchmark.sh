#!/usr/bin/env bash
# A local parse of a mosaic of overlapping pieces of RASTER over the tests' throw-away PostGIS: wall, JVM CPU and
# database server CPU per run (org.rasterdesk.parse.MosaicBenchmark).
# Usage: scripts/mosaic-benchmark.sh RASTER [GRID|COLSxROWS] [RUNS] [MAX_ZOOM]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -Xmx1g -Djava.awt.headless=true \
    -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
    org.rasterdesk.parse.MosaicBenchmark "$@"
