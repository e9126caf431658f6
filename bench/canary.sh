#!/usr/bin/env bash
# The canary's figures, measured in one run on this machine: the built-in authority's queries per
# second next to Knot DNS's for the same zone (dnsperf), the dnstap collector fed by Knot at full
# rate (messages lost) and by a recorded capture replayed at full speed (messages per second),
# memory per thousand ids, hundreds of idle connections, and a flood of bad packets.
#
# Usage: bench/canary.sh [--agent PATH] [--seconds N] [--ids N]
# Needs root, ip, taskset, dnsperf, knotd (+ knot-module-dnstap), fstrm_replay, curl, jcmd, python3.
# Everything runs in a throwaway network namespace (addresses in 192.0.2.0/24 on its loopback)
# with a private /run; nothing is sent outside it.
set -euo pipefail

agent=dist/target/agent/bin/agent
seconds=10
ids=50000
while [ $# -gt 0 ]; do
    case $1 in
        --agent) agent=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --ids) ids=$2; shift 2 ;;
        *) echo "usage: $0 [--agent PATH] [--seconds N] [--ids N]" >&2; exit 2 ;;
    esac
done
agent=$(cd "$(dirname "$agent")" && pwd)/$(basename "$agent")
for tool in ip taskset dnsperf knotd fstrm_replay curl jcmd python3; do
    command -v "$tool" >/dev/null || { echo "canary.sh: $tool is not installed (bash .ci/deps --tests)" >&2; exit 2; }
done
[ -x "$agent" ] || { echo "canary.sh: $agent is missing: run mvn -B -q -DskipTests package first" >&2; exit 2; }

NS=lg-bench-canary-$$
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lg-bench-canary.XXXXXX")
cleanup() {
    if ip netns list 2>/dev/null | grep -q "^$NS\b"; then
        pids=$(ip netns pids "$NS" 2>/dev/null || true)
        # shellcheck disable=SC2086
        [ -z "$pids" ] || { kill $pids 2>/dev/null || true; sleep 1; kill -9 $pids 2>/dev/null || true; }
        ip netns del "$NS"
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$NS"
ip -n "$NS" link set lo up
for a in 192.0.2.10 192.0.2.53 192.0.2.2; do ip -n "$NS" addr add "$a/32" dev lo; done
for i in $(seq 100 149); do ip -n "$NS" addr add "192.0.2.$i/32" dev lo; done
# A private mount namespace for the servers' run files; its holder sleeps until cleanup.
touch "$tmp/mnt"
mount --bind "$tmp" "$tmp" && mount --make-private "$tmp"
unshare --mount="$tmp/mnt" --propagation private mount -t tmpfs tmpfs /run
inns() { nsenter --net="/run/netns/$NS" --mount="$tmp/mnt" -- "$@"; }
# For `inns_exec ... &`: the background job becomes the process itself, so $! is its pid.
inns_exec() { exec nsenter --net="/run/netns/$NS" --mount="$tmp/mnt" -- "$@"; }
finish_mounts() { umount -l "$tmp/mnt" 2>/dev/null || true; umount -l "$tmp" 2>/dev/null || true; }
trap 'finish_mounts; cleanup' EXIT

cat >"$tmp/leaktest.example.zone" <<ZONE
\$ORIGIN leaktest.example.
\$TTL 60
@   SOA ns hostmaster 1 3600 600 86400 60
@   NS  ns
ns  A   192.0.2.53
*   0 A 192.0.2.1
ZONE
knot_conf() { # name sink(or empty)
    mkdir -p "$tmp/$1"
    {
        echo "server:"
        echo "    rundir: \"$tmp/$1\""
        echo "    user: root:root"
        echo "    listen: 192.0.2.53@53"
        echo "    udp-workers: 1"
        echo "    background-workers: 1"
        echo "database:"
        echo "    storage: \"$tmp/$1\""
        if [ -n "$2" ]; then
            echo "mod-dnstap:"
            echo "  - id: tap"
            echo "    sink: \"$2\""
            echo "    log-queries: on"
            echo "    log-responses: off"
        fi
        echo "template:"
        echo "  - id: default"
        echo "    storage: \"$tmp\""
        echo "zone:"
        echo "  - domain: leaktest.example"
        echo "    file: leaktest.example.zone"
        [ -z "$2" ] || echo "    module: mod-dnstap/tap"
    } >"$tmp/$1/knot.conf"
    echo "$tmp/$1/knot.conf"
}
awk -v n="$ids" 'BEGIN { for (i = 0; i < n; i++) printf "b%07d.leaktest.example A\n", i }' >"$tmp/queries"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# perf SERVER SECONDS: dnsperf on core 0 against SERVER; prints "qps completed".
perf() {
    inns taskset -c 0 dnsperf -s "$1" -d "$tmp/queries" -l "$2" -c 8 -q 200 >"$tmp/perf.out" 2>&1 || true
    awk '/Queries per second/ { q = $4 } /Queries completed/ { c = $3 } END { printf "%.0f %d\n", q, c }' "$tmp/perf.out"
}
await_dns() { for _ in $(seq 100); do inns dig +short +time=1 +tries=1 "@$1" ready.leaktest.example A >/dev/null 2>&1 && return; sleep 0.2; done; echo "no DNS on $1" >&2; exit 1; }
await_http() { for _ in $(seq 150); do inns curl -s -m 1 "http://192.0.2.10:8080/healthz" >/dev/null 2>&1 && return; sleep 0.2; done; echo "no collector API" >&2; exit 1; }
healthz() { inns curl -s -m 3 "http://192.0.2.10:8080/healthz"; }
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
hz=$(getconf CLK_TCK)
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()

# --- Knot, alone, one UDP worker on core 1
inns_exec taskset -c 1 knotd -c "$(knot_conf knot-plain "")" >"$tmp/knot-plain.log" 2>&1 &
kpid=$!
await_dns 192.0.2.53
perf 192.0.2.53 2 >/dev/null
t0=$(cpu_ticks "$kpid")
read -r kqps kdone < <(perf 192.0.2.53 "$seconds")
kus=$(awk -v t="$(( $(cpu_ticks "$kpid") - t0 ))" -v hz="$hz" -v n="$kdone" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
stop "$kpid"
rows+=("| Knot DNS $(knotd --version | awk '{print $NF}'), 1 UDP worker | $kqps | $kus µs | - |")

# --- the built-in authority on core 1, GC pauses logged
LEAKGUARD_JAVA_OPTS="-Xlog:gc:file=$tmp/gc.log" inns_exec taskset -c 1 "$agent" canary serve --zone leaktest.example \
    --dns 192.0.2.10:53 --http 192.0.2.10:8080 --max-ids "$ids" >"$tmp/canary.log" 2>&1 &
cpid=$!
await_http
cpid_java=$(pgrep -n -f "canary serve --zone leaktest.example --dns 192.0.2.10:53")
jcmd "$cpid_java" GC.run >/dev/null
used0=$(jcmd "$cpid_java" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i+1); exit } }')
perf 192.0.2.10 5 >/dev/null
t0=$(cpu_ticks "$cpid_java")
gc_from=$(wc -l <"$tmp/gc.log")
read -r bqps bdone < <(perf 192.0.2.10 "$seconds")
bus=$(awk -v t="$(( $(cpu_ticks "$cpid_java") - t0 ))" -v hz="$hz" -v n="$bdone" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
pause=$(tail -n +"$((gc_from + 1))" "$tmp/gc.log" | grep -o '[0-9.]*ms$' | tr -d 'ms' | sort -g | tail -1)
rows+=("| leakguard canary serve (built-in), 2 UDP readers | $bqps | $bus µs | ${pause:-none} ms |")
ids_held=$(healthz | field ids)
jcmd "$cpid_java" GC.run >/dev/null
used1=$(jcmd "$cpid_java" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i+1); exit } }')
per_k=$(awk -v a="$used0" -v b="$used1" -v n="$ids_held" 'BEGIN { gsub("K", "", a); gsub("K", "", b); printf "%.0f", (b - a) / n * 1000 }')
rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$cpid_java/status")
heap=$((48 + (ids * 2048 + 1048575) / 1048576))

# --- hundreds of idle connections, then a flood of bad packets
cat >"$tmp/idle.py" <<'PY'
import socket, sys, time
held = []
for i in range(100, 150):
    for port in (53, 8080):
        for _ in range(5):
            s = socket.socket(); s.bind(("192.0.2.%d" % i, 0)); s.connect(("192.0.2.10", port)); held.append(s)
print(len(held), flush=True)
time.sleep(float(sys.argv[1]))
PY
inns_exec python3 "$tmp/idle.py" 8 >"$tmp/idle.out" &
ipid=$!
sleep 1.5
t0=$(cpu_ticks "$cpid_java"); sleep 4; idle_cpu=$(awk -v t="$(( $(cpu_ticks "$cpid_java") - t0 ))" -v hz="$hz" 'BEGIN { printf "%.1f", t / hz / 4 * 100 }')
s=$(date +%s%N); inns dig +tcp +short +time=2 @192.0.2.10 idle.leaktest.example A >/dev/null; healthz >/dev/null; e=$(date +%s%N)
answer_ms=$(( (e - s) / 1000000 ))
stop "$ipid"
idle_held=$(head -1 "$tmp/idle.out")

cat >"$tmp/bad.py" <<'PY'
import socket, sys, time
upd = bytes([0x12, 0x34, 5 << 3, 0, 0, 1, 0, 0, 0, 1, 0, 0]) + b"\x08leaktest\x07example\x00\x00\x06\x00\x01" \
    + b"\x01x\x08leaktest\x07example\x00\x00\x01\x00\x01\xff\xff\xff\xff\x00\x00"
kinds = [upd, b"\xde\xad", bytes(40), upd[:20]]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("192.0.2.2", 0))
end = time.time() + float(sys.argv[1]); n = 0
while time.time() < end:
    s.sendto(kinds[n % 4], ("192.0.2.10", 53)); n += 1
print(n)
PY
bad0=$(healthz | field badPackets)
lines0=$(grep -c "bad packet" "$tmp/canary.log" || true)
inns_exec python3 "$tmp/bad.py" 5 >"$tmp/bad.out" &
bpid=$!
read -r fqps _ < <(perf 192.0.2.10 5)
wait "$bpid"
bad_sent=$(cat "$tmp/bad.out")
bad_counted=$(( $(healthz | field badPackets) - bad0 ))
bad_lines=$(( $(grep -c "bad packet" "$tmp/canary.log" || true) - lines0 ))
alive=$(healthz | field status)
stop "$cpid"

# --- Knot writing dnstap to the collector at full rate (after 5 s to warm up): nothing may be lost
inns_exec "$agent" canary serve --zone leaktest.example --dnstap /run/dnstap.sock --http 192.0.2.10:8080 --max-ids "$ids" \
    >"$tmp/collector.log" 2>&1 &
colpid=$!
await_http
inns_exec taskset -c 1 knotd -c "$(knot_conf knot-tap unix:/run/dnstap.sock)" >"$tmp/knot-tap.log" 2>&1 &
kpid=$!
await_dns 192.0.2.53
perf 192.0.2.53 5 >/dev/null
sleep 2
m0=$(healthz | field dnstapMessages)
read -r tqps tdone < <(perf 192.0.2.53 "$seconds")
sleep 2
m1=$(healthz | field dnstapMessages)
got=$((m1 - m0))
stop "$kpid"

# --- a recorded capture replayed at full speed by libfstrm's writer
inns_exec taskset -c 1 knotd -c "$(knot_conf knot-file "$tmp/capture.fstrm")" >"$tmp/knot-file.log" 2>&1 &
kpid=$!
await_dns 192.0.2.53
perf 192.0.2.53 "$seconds" >/dev/null
stop "$kpid"
m0=$(healthz | field dnstapMessages)
m2=-1
s=$(date +%s%N)
inns fstrm_replay -t protobuf:dnstap.Dnstap -u /run/dnstap.sock -r "$tmp/capture.fstrm" >/dev/null
for _ in $(seq 100); do
    m1=$(healthz | field dnstapMessages); [ "$m1" = "$m2" ] 2>/dev/null && break; m2=$m1; sleep 0.1
done
e=$(date +%s%N)
replayed=$((m1 - m0))
replay_rate=$(awk -v n="$replayed" -v ns="$((e - s))" 'BEGIN { printf "%.0f", n / (ns / 1e9) }')
col_rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$(pgrep -n -f "dnstap /run/dnstap.sock")/status")
stop "$colpid"

mkdir -p bench/results
{
    echo "| server (dnsperf on core 0, server on core 1, UDP, ${seconds} s, $ids unique names) | queries/s | CPU per query | longest GC pause |"
    echo "|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "| collector | figure |"
    echo "|---|---|"
    echo "| Knot at full rate writing dnstap to it: queries answered / messages read | $tdone / $got ($(awk -v a="$tdone" -v b="$got" 'BEGIN { printf "%.2f", (a - b) / a * 100 }') % lost), Knot at $tqps queries/s |"
    echo "| recorded capture replayed by fstrm_replay at full speed | $replay_rate messages/s ($replayed messages) |"
    echo "| collector RSS after that | $col_rss MiB |"
    echo
    echo "| built-in server limit | figure |"
    echo "|---|---|"
    echo "| heap per 1,000 ids (ids of 8 characters, 1 asker) | $per_k KiB |"
    echo "| RSS with $ids_held ids held (bound: heap $heap MiB + 96 MiB) | $rss MiB |"
    echo "| idle TCP connections opened (DNS and HTTP, 50 addresses) | $idle_held; CPU while held $idle_cpu %; a TCP query + /healthz answered in $answer_ms ms |"
    echo "| bad packets sent in 5 s / counted / log lines | $bad_sent / $bad_counted / $bad_lines; good queries meanwhile $fqps /s; status $alive |"
    echo
    echo "JVM: $(java -version 2>&1 | head -1); cores: $(nproc); load before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee bench/results/canary-latest.md
