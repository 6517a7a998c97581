#!/usr/bin/env bash
# Runs the JMH benchmarks (all, or those matching the regex given as arguments) and keeps the
# results in bench/results/. Numbers come from here, never from tests: machines are shared.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -B -q -DskipTests -pl bench -am package
fi
mkdir -p bench/results
out="bench/results/jmh-$(date -u +%Y%m%dT%H%M%SZ).json"
java -jar "$jar" -rf json -rff "$out" "$@"
echo "results: $out"
