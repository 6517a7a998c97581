#!/usr/bin/env bash
# Sync profile end to end through real Channel Access on loopback, for 10, 100 and 1000 input PVs
# (or those given): the highest total update rate the profile sustains, and latency, CPU and heap
# at half of it. See SyncProfileThroughput's javadoc for the method.
# Usage: bench/syncprofile-throughput.sh [N ...]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q -DskipTests -pl bench -am package
for n in "${@:-10 100 1000}"; do
  echo "== $n input PVs"
  java -Xmx12g -DCA_DISABLE_REPEATER=true -cp "$jar" org.syncscope.bench.SyncProfileThroughput "$n" 5 2>&1 \
    | grep -E "input PVs|updates/s|Exception|Error"
done
