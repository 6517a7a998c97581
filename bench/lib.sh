# Sourced by every bench/*.sh: runs from the repository's top and provides the benchmarks jar.
# Not executable on its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=bench/target/benchmarks.jar

# Builds bench/target/benchmarks.jar when it is missing or older than any source or pom it is
# made from (the benchmarks run the bundles' code, so a bundle edit makes the jar stale too).
bench_jar() {
  if [ -f "$jar" ] && [ -z "$(find pom.xml bench/pom.xml bench/src bundles -newer "$jar" -type f \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.bnd' \) -not -path '*/target/*' -print -quit)" ]; then
    return 0
  fi
  echo "bench: building $jar (sources changed since it was built)" >&2
  mvn -B -q -DskipTests -pl bench -am package
}

# Runs one of the benchmark programs (class and arguments) with the jar on the class path, without
# SLF4J's start-up notice; fails when the program fails. JVM options go in BENCH_JVM_OPTS.
bench_java() {
  # shellcheck disable=SC2086
  java ${BENCH_JVM_OPTS:-} -DCA_DISABLE_REPEATER=true -cp "$jar" "$@" 2>&1 | { grep -v '^SLF4J' || true; }
}
