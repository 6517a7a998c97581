#!/usr/bin/env bash
# A soft timestamp slave's offset to its master over UDP on loopback, at one sync per second.
# Usage: bench/timestamp-offset.sh [seconds]   (default 600 = 10 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q -DskipTests -pl bench -am package
java -cp "$jar" org.syncscope.bench.SlaveOffset "${1:-600}" 2>&1 | grep -v "^SLF4J"
