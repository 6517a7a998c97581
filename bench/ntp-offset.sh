#!/usr/bin/env bash
# Our SNTP client against chronyd (Debian chrony) serving this host's clock on a loopback high
# port (-x: chronyd never adjusts the clock), one query a second; then what chronyc itself
# reports. Usage: bench/ntp-offset.sh [samples]   (default 600)
source "$(dirname "$0")/lib.sh"
bench_jar
dir=$(mktemp -d)
cat > "$dir/chrony.conf" <<CONF
port 12333
bindaddress 127.0.0.1
allow 127.0.0.1
local stratum 8
cmdport 12334
bindcmdaddress 127.0.0.1
bindcmdaddress /
cmdallow 127.0.0.1
pidfile $dir/chronyd.pid
driftfile $dir/drift
logdir $dir
CONF
/usr/sbin/chronyd -x -u root -f "$dir/chrony.conf"
trap 'kill "$(cat "$dir/chronyd.pid")" 2>/dev/null || true; rm -rf "$dir"' EXIT
sleep 1
bench_java org.syncscope.timestamp.internal.net.NtpOffset 127.0.0.1 12333 "${1:-600}"
echo "chronyc tracking (chronyd's own view of its reference):"
chronyc -h 127.0.0.1 -p 12334 tracking | grep -E "Reference|Stratum|System time|Last offset|RMS offset"
