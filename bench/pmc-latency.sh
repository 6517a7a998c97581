#!/usr/bin/env bash
# GET CURRENT_DATA_SET from a real ptp4l: native (Unix socket via JNA) vs spawning pmc.
# Starts two ptp4l in network namespaces itself (needs root and Debian linuxptp, iproute2).
# Usage: bench/pmc-latency.sh [requests]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q -DskipTests -pl bench -am package
java -cp "$jar" org.syncscope.bench.PmcLatency "${1:-200}" 2>&1 | grep -v "^SLF4J"
