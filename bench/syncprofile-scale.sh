#!/usr/bin/env bash
# The shipped server (the assembly zip `mvn install` builds) running one sync profile fed by a
# Channel Access IOC in another process (CountingIoc: N double PVs SCALE:0..N-1 counting at RATE Hz,
# posts spread over the period). One table row per case: updates processed vs offered, drops, the
# server's CPU (% of one core), RSS and PSS, latency p50/p99, and the IOC's own CPU.
#
# Usage: bench/syncprofile-scale.sh [CASE ...]     default: 100:all 300:all 1000:all 10000:chain
#   CASE = N:PAIRS, PAIRS as the profile's `pairs` key (all | chain | reference:PV | A_vs_B,C_vs_D);
#   `idle` = the server with no profile and no IOC (its baseline CPU and memory).
# Environment (defaults in brackets):
#   DURATION [60] s measured, after WARMUP [20] s     RATE [10] Hz per PV
#   HEAP [2g] the server's -Xmx (SYNCSCOPE_HEAP of its bin/setenv)
#   PAIR_THREADS, CPU_PERCENT  written to the profile's pairThreads / cpuPercent when set
#   CA_PORT_BASE [25490] six ports from it: IOC CA, server CA, two beacon ports, JMX registry, RMI
#   SSH_PORT [18330] the console (moved off 8101, unused here); the next two: the timestamp driver's
#                    master and slave UDP ports
#   WAIT [300] s at most for the profile to run     KEEP=1 keeps each case's folder (logs, etc/)
#   SYNCSCOPE_ZIP  measure this server zip instead of this checkout's build
# Each case runs in a fresh copy of the server under a scratch folder, with its own etc/; nothing
# of the repository's etc/ or a site's is touched.
source "$(dirname "$0")/lib.sh"
top=$PWD

DURATION=${DURATION:-60}
WARMUP=${WARMUP:-20}
RATE=${RATE:-10}
HEAP=${HEAP:-2g}
WAIT=${WAIT:-300}
CA_PORT_BASE=${CA_PORT_BASE:-25490}
SSH_PORT=${SSH_PORT:-18330}
ioc_port=$CA_PORT_BASE
server_port=$((CA_PORT_BASE + 1))
ioc_beacon_port=$((CA_PORT_BASE + 2))
server_beacon_port=$((CA_PORT_BASE + 3))
rmi_registry_port=$((CA_PORT_BASE + 4))
rmi_server_port=$((CA_PORT_BASE + 5))
ts_master_port=$((SSH_PORT + 1))
ts_slave_port=$((SSH_PORT + 2))

say() { printf 'syncprofile-scale: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

if [ $# -eq 0 ]; then set -- 100:all 300:all 1000:all 10000:chain; fi
for c in "$@"; do
  [ "$c" = idle ] || [[ "$c" =~ ^[0-9]+:.+$ ]] || die "case '$c' is not N:PAIRS (e.g. 1000:all) or idle"
done

# --- the server zip and the benchmarks jar ---
if [ -n "${SYNCSCOPE_ZIP:-}" ]; then
  zip=$SYNCSCOPE_ZIP
  [ -f "$zip" ] || die "SYNCSCOPE_ZIP=$zip: no such file"
else
  version=$(sed -n '/<parent>/,/<\/parent>/d; s:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
  zip="$top/assembly/target/syncscope-assembly-$version.zip"
  # as ./syncscope does: rebuild when a source of the server is newer than its zip
  if [ ! -f "$zip" ] || [ -n "$(find pom.xml bundles features assembly etc -newer "$zip" -type f -not -path '*/target/*' -print -quit)" ]; then
    say "building the server (mvn install, tests skipped)"
    mvn -B -q -DskipTests install
  fi
fi
bench_jar
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  export JAVA_HOME
fi
clk_tck=$(getconf CLK_TCK)

scratch=$(mktemp -d "${TMPDIR:-/tmp}/syncprofile-scale.XXXXXX")
ioc_pid="" server_pid="" probe_pid="" case_dir=""

# Ends a process we started: TERM, up to $2 s for it to go, then KILL.
stop_pid() {
  local pid=$1 grace=$2 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid did not end within $grace s of TERM: killed"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

stop_case() {
  stop_pid "$probe_pid" 5
  stop_pid "$server_pid" 60
  stop_pid "$ioc_pid" 20
  probe_pid="" server_pid="" ioc_pid=""
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_case
  if [ "${KEEP:-}" = 1 ] || [ $rc -ne 0 ]; then
    say "kept $scratch (per case: ioc.log, probe.log, karaf.out, unpack/*/data/log/karaf.log)"
  else
    rm -rf "$scratch"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ports_free() {
  local p taken=""
  for p in "$ioc_port" "$server_port" "$ioc_beacon_port" "$server_beacon_port" "$rmi_registry_port" \
      "$rmi_server_port" "$SSH_PORT" "$ts_master_port" "$ts_slave_port"; do
    if ss -Hlntu "( sport = :$p )" 2>/dev/null | grep -q .; then taken+=" $p"; fi
  done
  [ -z "$taken" ] || die "ports in use:$taken (set CA_PORT_BASE / SSH_PORT)"
}

# Replaces the `key = value` line of one of the copy's etc/ files; fails when it has none.
set_key() {
  local file="$home/etc/$1" key=$2 value=$3
  grep -qE "^[[:space:]]*$key[[:space:]]*=" "$file" || die "$file has no $key line"
  sed -i -E "s|^[[:space:]]*$key[[:space:]]*=.*|$key = $value|" "$file"
}

# A fresh copy of the server, on this run's ports, with only the profile under test.
prepare_server() {
  mkdir -p "$case_dir/unpack"
  (cd "$case_dir/unpack" && jar xf "$zip")
  home=$(echo "$case_dir"/unpack/*)
  chmod +x "$home"/bin/*
  set_key org.apache.karaf.shell.cfg sshPort "$SSH_PORT"
  set_key org.apache.karaf.management.cfg rmiRegistryPort "$rmi_registry_port"
  set_key org.apache.karaf.management.cfg rmiServerPort "$rmi_server_port"
  set_key org.syncscope.cas.cfg port "$server_port"
  set_key org.syncscope.cas.cfg autoBeaconAddrList false
  set_key org.syncscope.cas.cfg beaconAddrList "127.0.0.1:$server_beacon_port"
  # the IOC, and the server's own PVs (the demo site's TIMEAV device reads DEMO:PV1 through CA)
  set_key org.syncscope.ca.cfg addrList "127.0.0.1:$ioc_port 127.0.0.1:$server_port"
  set_key org.syncscope.ca.cfg autoAddrList false
  set_key org.syncscope.timestamp.cfg masterPort "$ts_master_port"
  set_key org.syncscope.timestamp.cfg slavePort "$ts_slave_port"
  rm -f "$home/etc/org.syncscope.syncprofile-demo.cfg"
}

write_profile() {
  local n=$1 pairs=$2 f="$home/etc/org.syncscope.syncprofile-scale.cfg"
  {
    echo "# written by bench/syncprofile-scale.sh"
    printf 'pvs = '
    seq -s ', ' -f 'SCALE:%.0f' 0 $((n - 1))
    echo "pairs = $pairs"
    echo "window = 100"
    [ -z "${PAIR_THREADS:-}" ] || echo "pairThreads = $PAIR_THREADS"
    [ -z "${CPU_PERCENT:-}" ] || echo "cpuPercent = $CPU_PERCENT"
    echo "source.target = (protocol=ca)"
  } > "$f"
}

alive() { kill -0 "$1" 2>/dev/null; }

# The pairs of n PVs under `pairs` (as the profile README's table says).
pair_count() {
  local n=$1 pairs=$2
  case "$pairs" in
    all) echo $((n * (n - 1) / 2)) ;;
    chain | reference:*) echo $((n - 1)) ;;
    *) printf '%s\n' "$pairs" | tr ',' '\n' | grep -c . ;;
  esac
}

# The profile's first ERROR in the server's log (a refused configuration names its file), if any.
profile_error() {
  grep -m1 -E 'ERROR.*(syncprofile-scale|profile scale)' "$home/data/log/karaf.log" 2>/dev/null
}

start_server() {
  # KARAF_* from the caller's shell would point bin/karaf at another site's folders
  (cd "$home" && exec env -u KARAF_BASE -u KARAF_ETC -u KARAF_DATA -u KARAF_HOME -u KARAF_LOG \
    SYNCSCOPE_HEAP="$HEAP" bin/karaf daemon > "$case_dir/karaf.out" 2>&1) &
  server_pid=$!   # `daemon` execs the JVM: this is the server's own process
}

start_ioc() {
  local n=$1 deadline=$((SECONDS + 60))
  java -Xmx1g -DCA_DISABLE_REPEATER=true -cp "$jar" org.syncscope.bench.CountingIoc \
    "$n" "$RATE" "$ioc_port" "$ioc_beacon_port" > "$case_dir/ioc.log" 2>&1 &
  ioc_pid=$!
  until grep -q '^serving' "$case_dir/ioc.log"; do
    alive "$ioc_pid" || { cat "$case_dir/ioc.log" >&2; die "the IOC did not start"; }
    [ $SECONDS -lt $deadline ] || die "the IOC does not serve after 60 s (see $case_dir/ioc.log)"
    sleep 0.2
  done
}

# Prints the probe's value of key $1 from the RESULT line in $result, "-" when absent.
val() { printf '%s\n' "$result" | tr ' ' '\n' | sed -n "s/^$1=//p" | grep . || echo -; }

row_format='| %-12s | %-15s | %9s | %9s | %7s | %7s | %7s | %6s | %6s | %7s | %16s | %7s |\n'

run_case() {
  local c=$1 n pairs pairs_cell profile=scale err
  case_dir="$scratch/case-$(printf '%s' "$c" | tr -c 'A-Za-z0-9_-' '_' | cut -c1-60)"
  mkdir -p "$case_dir"
  ports_free
  prepare_server
  if [ "$c" = idle ]; then
    n=0 pairs_cell=- profile=-
  else
    n=${c%%:*} pairs=${c#*:}
    pairs_cell="$(pair_count "$n" "$pairs") (${pairs:0:10})"
    write_profile "$n" "$pairs"
    start_ioc "$n"
  fi
  start_server
  java -Xmx128m -XX:+UseSerialGC -DCA_DISABLE_REPEATER=true -cp "$jar" org.syncscope.bench.ScaleProbe \
    "$server_port" "$ioc_port" "$profile" "$server_pid" "${ioc_pid:-0}" "$WAIT" "$WARMUP" "$DURATION" "$clk_tck" \
    > "$case_dir/probe.log" 2>&1 &
  probe_pid=$!
  # The probe waits for the profile's ProcessedUpdates; a refused profile never gets one: say why.
  while [ "$c" != idle ] && alive "$probe_pid" && ! grep -q '^probe: ready' "$case_dir/probe.log"; do
    if err=$(profile_error); then die "case $c: the profile is not running: $err"; fi
    sleep 1
  done
  wait "$probe_pid" || { grep -v '^SLF4J' "$case_dir/probe.log" >&2; die "case $c: the probe failed"; }
  probe_pid=""
  result=$(grep '^RESULT' "$case_dir/probe.log") || die "case $c: no result (see $case_dir/probe.log)"
  stop_case
  # shellcheck disable=SC2059
  printf "$row_format" "$c" "$pairs_cell" "$(val offered_per_s)" "$(val processed_per_s)" "$(val processed_pct)" \
    "$(val dropped)" "$(val server_cpu_pct)" "$(val rss_mb)" "$(val pss_mb)" "$(val p50_ms)" \
    "$(val p99_ms) ($(val p99_max_ms))" "$(val ioc_cpu_pct)"
}

echo "# $(date -u +%FT%TZ) $(nproc) CPUs; RATE=$RATE Hz per PV, WARMUP=$WARMUP s, DURATION=$DURATION s, HEAP=$HEAP" \
  "${PAIR_THREADS:+pairThreads=$PAIR_THREADS }${CPU_PERCENT:+cpuPercent=$CPU_PERCENT }window 100; server $(basename "$zip")"
# shellcheck disable=SC2059
printf "$row_format" case pairs offered/s done/s 'done %' dropped 'CPU %' 'RSS MB' 'PSS MB' 'p50 ms' 'p99 ms (worst s)' 'IOC CPU'
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' -------------- ----------------- ----------- ----------- \
  --------- --------- --------- -------- -------- --------- ------------------ ---------
for c in "$@"; do
  run_case "$c"
done
