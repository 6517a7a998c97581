#!/usr/bin/env bash
# Sync profile end to end through real Channel Access on loopback, for 10, 100 and 1000 input PVs
# (or those given): the highest total update rate the profile sustains, and latency, CPU and heap
# at half of it. See SyncProfileThroughput's javadoc for the method.
# Usage: bench/syncprofile-throughput.sh [N ...]
source "$(dirname "$0")/lib.sh"
bench_jar
# Each count is its own word: "${@:-10 100 1000}" would be the single word "10 100 1000".
if [ $# -eq 0 ]; then set -- 10 100 1000; fi
for n in "$@"; do
  echo "== $n input PVs"
  BENCH_JVM_OPTS=-Xmx12g bench_java org.syncscope.syncprofile.internal.SyncProfileThroughput "$n" 5 \
    | grep -E "input PVs|updates/s|Exception|Error"
done
