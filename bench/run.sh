#!/usr/bin/env bash
# Runs the JMH benchmarks (all, or those matching the regex given as arguments) and keeps the
# results in bench/results/. Numbers come from here, never from tests: machines are shared.
source "$(dirname "$0")/lib.sh"
bench_jar
mkdir -p bench/results
out="bench/results/jmh-$(date -u +%Y%m%dT%H%M%SZ).json"
java -jar "$jar" -rf json -rff "$out" "$@"
echo "results: $out"
