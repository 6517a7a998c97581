#!/usr/bin/env bash
# Our SNTP client against chronyd (Debian chrony) serving this host's clock on a loopback high port
# (-x: no chronyd ever adjusts the clock), side by side with a second chronyd as a client of the
# same server in the same seconds: the anchor. The true offset is 0, so every reading is the
# client's own error. Two phases of SECONDS each: idle, then with one core kept busy.
# Prints a Markdown table (|offset| in µs). Usage: bench/ntp-offset.sh [seconds]   (default 120)
source "$(dirname "$0")/lib.sh"
bench_jar
seconds=${1:-120}
dir=$(mktemp -d)
burner=""
trap 'chrony_stop "$dir"; [ -n "$burner" ] && kill "$burner" 2>/dev/null; rm -rf "$dir"' EXIT
chrony_server 12333 "$dir"
sleep 1
echo "| phase: what | samples | p50 µs | p99 µs | max µs |"
echo "|---|---|---|---|---|"
for phase in idle busy; do
  if [ "$phase" = busy ]; then burner=$(cpu_burner); fi
  chrony_client 12333 "$dir" "$phase"
  bench_java org.syncscope.timestamp.internal.net.NtpOffset 127.0.0.1 12333 "$seconds" "$phase"
  chrony_stop "$dir/$phase"
  chrony_row "$phase: chronyd client of chronyd, raw samples" "$dir" "$phase"
done
