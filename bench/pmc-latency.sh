#!/usr/bin/env bash
# GET CURRENT_DATA_SET from a real ptp4l: native (Unix socket via JNA) vs spawning pmc.
# Starts two ptp4l in network namespaces itself (needs root and Debian linuxptp, iproute2).
# Usage: bench/pmc-latency.sh [requests]   (default 200)
source "$(dirname "$0")/lib.sh"
bench_jar
bench_java org.syncscope.bench.PmcLatency "${1:-200}"
