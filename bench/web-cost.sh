#!/usr/bin/env bash
# What looking costs: the shipped server on the demo site, its CPU (% of one core, from
# /proc/PID/stat) over DURATION seconds with nobody looking, then over the same time with the
# status page open in a headless Chromium (its live plots fed by server-sent events) and a
# Prometheus scraping /metrics every 5 s. One line per phase, then the difference.
#
# Usage: bench/web-cost.sh
# Environment (defaults in brackets):
#   DURATION [60] s measured per phase, after WARMUP [20] s
#   PORT_BASE [27400]  the server's ports from it: CA, PVA (3), drvTS (2), HTTP, SSH, JMX (2),
#                      Prometheus; none of them a default, so a demo server may run beside it
#   SCRAPE [5s] Prometheus' scrape interval       KEEP=1 keeps the scratch folder
#   SYNCSCOPE_ZIP  measure this server zip instead of this checkout's build
# Needs Debian's chromium and prometheus (./syncscope test installs both).
source "$(dirname "$0")/lib.sh"
top=$PWD

DURATION=${DURATION:-60}
WARMUP=${WARMUP:-20}
SCRAPE=${SCRAPE:-5s}
base=${PORT_BASE:-27400}
ca_port=$base pva_port=$((base + 1)) ts_master=$((base + 4)) ts_slave=$((base + 5))
http_port=$((base + 6)) ssh_port=$((base + 7)) rmi_registry=$((base + 8)) rmi_server=$((base + 9))
prom_port=$((base + 10))

say() { printf 'web-cost: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

command -v chromium >/dev/null || die "no chromium (apt-get install chromium)"
command -v prometheus >/dev/null || die "no prometheus (apt-get install prometheus)"

if [ -n "${SYNCSCOPE_ZIP:-}" ]; then
  zip=$SYNCSCOPE_ZIP
else
  version=$(sed -n '/<parent>/,/<\/parent>/d; s:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
  zip="$top/assembly/target/syncscope-assembly-$version.zip"
  if [ ! -f "$zip" ] || [ -n "$(find pom.xml bundles features assembly etc -newer "$zip" -type f -not -path '*/target/*' -print -quit)" ]; then
    say "building the server (mvn install, tests skipped)"
    mvn -B -q -DskipTests install
  fi
fi
[ -f "$zip" ] || die "$zip: no such file"
clk_tck=$(getconf CLK_TCK)

scratch=$(mktemp -d "${TMPDIR:-/tmp}/web-cost.XXXXXX")
server_pid="" browser_pid="" prom_pid=""

stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$browser_pid"; stop_pid "$prom_pid"; stop_pid "$server_pid"
  if [ "${KEEP:-}" = 1 ] || [ $rc -ne 0 ]; then say "kept $scratch"; else rm -rf "$scratch"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

set_key() {
  local file="$home/etc/$1" key=$2 value=$3
  grep -qE "^[[:space:]]*$key[[:space:]]*=" "$file" || die "$file has no $key line"
  sed -i -E "s|^[[:space:]]*$key[[:space:]]*=.*|$key = $value|" "$file"
}

mkdir -p "$scratch/unpack"
(cd "$scratch/unpack" && jar xf "$zip")
home=$(echo "$scratch"/unpack/*)
chmod +x "$home"/bin/*
set_key org.apache.karaf.shell.cfg sshPort "$ssh_port"
set_key org.apache.karaf.management.cfg rmiRegistryPort "$rmi_registry"
set_key org.apache.karaf.management.cfg rmiServerPort "$rmi_server"
set_key org.syncscope.cas.cfg port "$ca_port"
set_key org.syncscope.cas.cfg autoBeaconAddrList false
set_key org.syncscope.cas.cfg beaconAddrList 127.0.0.1
set_key org.syncscope.ca.cfg autoAddrList false
set_key org.syncscope.ca.cfg addrList "127.0.0.1:$ca_port"
set_key org.syncscope.pvas.cfg serverPort "$pva_port"
set_key org.syncscope.pvas.cfg broadcastPort $((pva_port + 1))
set_key org.syncscope.pvas.cfg autoBeaconAddrList false
set_key org.syncscope.pvas.cfg beaconAddrList "127.0.0.1:$((pva_port + 2))"
set_key org.syncscope.pva.cfg autoAddressList false
set_key org.syncscope.pva.cfg addressList "127.0.0.1:$((pva_port + 1))"
set_key org.syncscope.pva.cfg broadcastPort $((pva_port + 2))
set_key org.syncscope.timestamp.cfg masterPort "$ts_master"
set_key org.syncscope.timestamp.cfg slavePort "$ts_slave"
set_key org.ops4j.pax.web.cfg org.osgi.service.http.port "$http_port"

(cd "$home" && exec env -u KARAF_BASE -u KARAF_ETC -u KARAF_DATA -u KARAF_HOME -u KARAF_LOG \
  bin/karaf daemon > "$scratch/karaf.out" 2>&1) &
server_pid=$!
say "server pid $server_pid, HTTP 127.0.0.1:$http_port"
deadline=$((SECONDS + 180))
until curl -sf "http://127.0.0.1:$http_port/metrics" | grep -q 'syncscope_input_frequency_hertz.*DEMO:PV1'; do
  kill -0 "$server_pid" 2>/dev/null || die "the server ended (see $scratch/karaf.out)"
  [ $SECONDS -lt $deadline ] || die "no demo metrics after 180 s (see $home/data/log/karaf.log)"
  sleep 1
done

ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
# CPU of the server over DURATION s, % of one core
measure() {
  local t0 t1 s0 s1
  t0=$(ticks); s0=$(date +%s.%N)
  sleep "$DURATION"
  t1=$(ticks); s1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v s="$s0" -v e="$s1" -v hz="$clk_tck" 'BEGIN { printf "%.2f", (b - a) / hz / (e - s) * 100 }'
}

say "warming up ${WARMUP} s, then ${DURATION} s with nobody looking"
sleep "$WARMUP"
idle=$(measure)

cat > "$scratch/prometheus.yml" <<EOF
global:
  scrape_interval: $SCRAPE
scrape_configs:
  - job_name: syncscope
    static_configs:
      - targets: ['127.0.0.1:$http_port']
EOF
prometheus --config.file="$scratch/prometheus.yml" --storage.tsdb.path="$scratch/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" > "$scratch/prometheus.log" 2>&1 &
prom_pid=$!
chromium --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$scratch/chromium" \
  --remote-debugging-port=0 "http://127.0.0.1:$http_port/syncscope/" > "$scratch/chromium.log" 2>&1 &
browser_pid=$!
say "page open in chromium (pid $browser_pid), Prometheus scraping every $SCRAPE (pid $prom_pid); ${WARMUP} s, then ${DURATION} s"
sleep "$WARMUP"
kill -0 "$browser_pid" 2>/dev/null || die "chromium ended (see $scratch/chromium.log)"
kill -0 "$prom_pid" 2>/dev/null || die "prometheus ended (see $scratch/prometheus.log)"
looked=$(measure)
up=$(curl -sf "http://127.0.0.1:$prom_port/api/v1/query?query=up" | grep -o '"value":\[[^]]*\]' || echo none)

echo
echo "server CPU, % of one core, $DURATION s each, $(nproc) cores"
printf '| %-44s | %8s |\n' phase CPU
printf '|%s|%s|\n' "----------------------------------------------" "----------"
printf '| %-44s | %7s%% |\n' "demo site, nobody looking" "$idle"
printf '| %-44s | %7s%% |\n' "status page open + Prometheus every $SCRAPE" "$looked"
awk -v a="$idle" -v b="$looked" 'BEGIN { printf "difference: %+.2f %% of one core\n", b - a }'
echo "Prometheus up: $up"
