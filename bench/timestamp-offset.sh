#!/usr/bin/env bash
# A soft timestamp slave's offset to its master over UDP on loopback, at one sync per second.
# Usage: bench/timestamp-offset.sh [seconds]   (default 600 = 10 minutes)
source "$(dirname "$0")/lib.sh"
bench_jar
bench_java org.syncscope.timestamp.internal.net.SlaveOffset "${1:-600}"
