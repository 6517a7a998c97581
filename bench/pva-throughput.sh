#!/usr/bin/env bash
# pvAccess against Channel Access on loopback, server and client in two processes (PvaThroughput):
# updates/s posted and delivered, and each process's CPU (% of one core, /proc/PID/stat) over the
# measured posting. Both directions, the same N, R and duration for CA and PVA:
#   ours <-> ours      cas -> ca, pvas -> pva       (Syncscope's server and client bundles)
#   server direction   pvas -> phoebus              (our server, Phoebus' core-pva client)
#   client direction   phoebus -> pva               (Phoebus' core-pva server, the fields pvas serves, our client)
#   and phoebus-lean -> pva: the same server with only value, alarm, timeStamp (what display and
#   control cost a client: pvAccessJava's client copies the whole structure per update)
# each at N PVs x R Hz and saturating (R = 0: one thread posts round-robin as fast as it can).
# One run at a time: CPU is measured, so run it on an otherwise idle machine.
# Usage: bench/pva-throughput.sh [pvs=1000] [hz=10] [seconds=DURATION or 20] [base-port=25600]
#        PAIRS="cas:ca pvas:pva" RATES="10 0" bench/pva-throughput.sh ...   (a subset)
source "$(dirname "$0")/lib.sh"
pvs=${1:-1000}
hz=${2:-10}
secs=${3:-${DURATION:-20}}
port=${4:-25600}
bench_jar
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for rate in ${RATES:-$hz 0}; do
  for pair in ${PAIRS:-cas:ca pvas:pva pvas:phoebus phoebus:pva phoebus-lean:pva}; do
    bench_java org.syncscope.bench.PvaThroughput "${pair%%:*}" "${pair##*:}" "$pvs" "$rate" "$secs" "$port" \
      | tee -a "$results" | grep -v '^RESULT'
  done
done
echo
echo "$pvs PVs, $secs s each, $(nproc) cores; R = 0: saturating"
printf '%-12s %-8s %4s %10s %12s %10s %8s %8s\n' server client R posted/s delivered/s delivered srv-CPU cli-CPU
grep '^RESULT' "$results" | sed 's/ [a-zA-Z/]*=/ /g' | while read -r _ s c r posted got pct _ scpu ccpu; do
  printf '%-12s %-8s %4s %10s %12s %10s %8s %8s\n' "$s" "$c" "$r" "$posted" "$got" "$pct" "$scpu" "$ccpu"
done
