#!/usr/bin/env bash
# Our CA source's delivery and CPU for a CA server in another process (as an IOC is): N counting
# PVs posted at R Hz each, phases spread over the period, for D seconds; run once with the client's
# OrderedEventDispatcher and once with CAJ's QueuedEventDispatcher it replaced (the bench-only
# system property org.syncscope.ca.dispatcher=caj-queued). One run at a time: CPU is measured.
# Usage: bench/ca-source-rate.sh [pvs=10000] [hz=10] [seconds=30] [port=15093] [listener-us=0]
#        (listener-us: the listener busy-waits that long per update, a listener with work to do)
#        DISPATCHERS="ordered" bench/ca-source-rate.sh ...   (only one of them)
source "$(dirname "$0")/lib.sh"
pvs=${1:-10000}
hz=${2:-10}
secs=${3:-30}
port=${4:-15093}
work=${5:-0}
bench_jar
for d in ${DISPATCHERS:-ordered caj-queued}; do
  echo "== client dispatcher: $d"
  BENCH_JVM_OPTS="${BENCH_JVM_OPTS:-} -Dorg.syncscope.ca.dispatcher=$d" \
    bench_java org.syncscope.bench.CaSourceRate "$pvs" "$hz" "$secs" "$port" "$work"
done
