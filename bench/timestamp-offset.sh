#!/usr/bin/env bash
# A soft timestamp slave's offset to its master over UDP on loopback at one sync per second, side
# by side with chronyd as a client of chronyd (serving this host's clock, -x: the clock is never
# touched) in the same seconds: the anchor. Two phases of SECONDS each: idle, then with one core
# kept busy. Prints a Markdown table (|offset| in µs).
# Usage: bench/timestamp-offset.sh [seconds]   (default 600 = 10 minutes a phase)
source "$(dirname "$0")/lib.sh"
bench_jar
seconds=${1:-600}
dir=$(mktemp -d)
burner=""
trap 'chrony_stop "$dir"; [ -n "$burner" ] && kill "$burner" 2>/dev/null; rm -rf "$dir"' EXIT
chrony_server 12343 "$dir"
sleep 1
echo "| phase: what | samples | p50 µs | p99 µs | max µs |"
echo "|---|---|---|---|---|"
for phase in idle busy; do
  if [ "$phase" = busy ]; then burner=$(cpu_burner); fi
  chrony_client 12343 "$dir" "$phase"
  bench_java org.syncscope.timestamp.internal.net.SlaveOffset "$seconds" "$phase"
  chrony_stop "$dir/$phase"
  chrony_row "$phase: chronyd client of chronyd, raw samples" "$dir" "$phase"
done
