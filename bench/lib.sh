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

# chronyd as an NTP server on 127.0.0.1:PORT (command port PORT+1) in DIR, serving this host's
# clock and never adjusting it (-x). Stopped by chrony_stop DIR.
chrony_server() {
  local port=$1 dir=$2
  mkdir -p "$dir"
  cat > "$dir/server.conf" <<CONF
port $port
bindaddress 127.0.0.1
allow 127.0.0.1
local stratum 8
cmdport $((port + 1))
bindcmdaddress 127.0.0.1
bindcmdaddress /
cmdallow 127.0.0.1
pidfile $dir/server.pid
driftfile $dir/server.drift
CONF
  /usr/sbin/chronyd -x -u root -f "$dir/server.conf"
}

# chronyd as a client of 127.0.0.1:PORT, one exchange a second, logging each raw sample in
# DIR/NAME/measurements.log; -x: it measures, it never touches the clock.
chrony_client() {
  local port=$1 dir=$2/$3
  mkdir -p "$dir"
  cat > "$dir/client.conf" <<CONF
server 127.0.0.1 port $port minpoll 0 maxpoll 0 iburst
port 0
cmdport 0
pidfile $dir/client.pid
driftfile $dir/client.drift
logdir $dir
log measurements
CONF
  /usr/sbin/chronyd -x -u root -f "$dir/client.conf"
}

# Stops every chronyd started in DIR (and below).
chrony_stop() {
  local pid
  for pid in $(find "$1" -name '*.pid' -exec cat {} \; 2>/dev/null); do
    kill "$pid" 2>/dev/null || true
  done
}

# A table row from chronyd's raw samples: |offset| p50, p99 and max in µs of DIR/NAME/measurements.log.
chrony_row() {
  local label=$1 log=$2/$3/measurements.log
  awk '$1 ~ /^[0-9][0-9][0-9][0-9]-/ { o = $12 < 0 ? -$12 : $12; print o * 1e9 }' "$log" | sort -n | awk -v l="$label" '
    { v[NR] = $1 }
    END { if (NR == 0) { printf "| %s | 0 | - | - | - |\n", l; exit }
          p50 = v[int((NR - 1) * 0.5) + 1]; p99 = v[int((NR - 1) * 0.99) + 1];
          printf "| %s | %d | %.2f | %.2f | %.2f |\n", l, NR, p50 / 1e3, p99 / 1e3, v[NR] / 1e3 }'
}

# Keeps one core busy until the returned pid is killed (the "busy machine" of the offset benches).
cpu_burner() {
  # its output closed, or the caller's $(...) would wait for it forever
  ( while :; do :; done ) > /dev/null 2>&1 < /dev/null &
  echo $!
}
