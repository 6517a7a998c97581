#!/usr/bin/env bash
# Channel Access throughput on loopback, 1000 PVs by default:
#  1. our CA source monitoring our CA server (both Java, one process);
#  2. pyepics (the EPICS C library) monitoring the same server in another process.
# Usage: bench/ca-throughput.sh [pvs] [seconds]
source "$(dirname "$0")/lib.sh"
pvs=${1:-1000}
secs=${2:-10}
bench_jar
echo "== our CA source <- our CA server"
bench_java org.syncscope.bench.CaThroughput "$pvs" "$secs" 15090

echo "== pyepics (libca) <- our CA server"
bench_java org.syncscope.bench.CaThroughput "$pvs" "$secs" 15091 --serve-only &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1
EPICS_CA_ADDR_LIST=127.0.0.1:15091 EPICS_CA_AUTO_ADDR_LIST=NO EPICS_CA_MAX_ARRAY_BYTES=100000 \
/usr/bin/python3 - "$pvs" "$secs" <<'PY'
import sys, time, epics
n, secs = int(sys.argv[1]), float(sys.argv[2])
count = [0]
def cb(**kw):
    count[0] += 1
pvs = [epics.PV("BENCH:%d" % i, auto_monitor=True, callback=cb) for i in range(n)]
for p in pvs:
    p.wait_for_connection(timeout=10)
print("pyepics: %d of %d connected" % (sum(p.connected for p in pvs), n))
time.sleep(2.5)          # the server starts posting 3 s after it starts
count[0] = 0
start = time.time()
time.sleep(secs)
got = count[0]
print("pyepics received %.0f updates/s over %.1f s" % (got / (time.time() - start), time.time() - start))
PY
wait $server
