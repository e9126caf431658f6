#!/bin/sh
# Drift-to-repair benchmark for `agent watch`. See bench/README.md.
#
#   sudo bench/watch.sh [--agent PATH] [--drifts N] [--poll DURATION]
#
# Starts `agent watch bench/policy.yaml` in a throwaway network namespace with a private mount
# namespace (a bind-mounted temporary copy of /etc and a tmpfs /run), then, from outside the
# watch, rewrites resolv.conf N times (alternately renamed over, as dhclient-script does, and
# written in place), 1.5 s apart, and times each until the pinned file is back. Also deletes the
# nft table and re-enables IPv6 once each (found by the poll), measures the watch's CPU while idle
# and while a fighter rewrites resolv.conf every 10 ms for 6 s. Nothing on this machine changes:
# the host's resolv.conf, nft ruleset and IPv6 sysctls are compared before and after.
#
# Prints a markdown table and writes it to bench/results/watch.md.
set -eu
unset CDPATH

here=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
repo=${here%/*}
AGENT=$repo/dist/target/agent/bin/agent
POLICY=$here/policy.yaml
DRIFTS=20
POLL=1s

usage() {
    sed -n '2,14s/^# \{0,1\}//p' "$0" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case $1 in
        --agent) AGENT=${2:?}; shift ;;
        --drifts) DRIFTS=${2:?}; shift ;;
        --poll) POLL=${2:?}; shift ;;
        -h|--help) usage ;;
        *) echo "watch.sh: unknown argument: $1" >&2; usage ;;
    esac
    shift
done

fail() {
    echo "watch.sh: $*" >&2
    exit 1
}
[ "$(id -u)" -eq 0 ] || fail "needs root (network and mount namespaces)"
for tool in ip unshare mount nft; do
    command -v "$tool" >/dev/null 2>&1 || fail "needs $tool on PATH"
done
[ -x "$AGENT" ] || fail "no agent launcher at $AGENT; build it with: mvn -B -q -DskipTests package"
AGENT=$(cd -P -- "$(dirname -- "$AGENT")" && pwd -P)/$(basename -- "$AGENT")

# shellcheck source=sandbox.sh
. "$here/sandbox.sh"
sandbox_start lg-watch

drift='# written by DHCP
nameserver 198.51.100.53
options edns0'
printf '%s\n' "$drift" >"$tmp/etc/resolv.conf"

cat >"$tmp/inner.sh" <<'INNER'
set -eu
mount --bind "$TMP/etc" /etc
mount -t tmpfs tmpfs /run
ip link set lo up
"$AGENT" --state-dir "$TMP/state" watch "$POLICY" --fight-window 1s --poll "$POLL" >"$TMP/watch.log" 2>&1 &
watch=$!
echo "$watch" >"$TMP/watch.pid"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Until the file holds the pinned text again; one cat per look (about 1 ms).
await_file() {
    start=$1
    while [ "$(cat /etc/resolv.conf)" != "$WANT" ]; do
        [ $(( $(now_ms) - start )) -lt 10000 ] || { echo "watch.sh: no repair within 10 s" >&2; cat "$TMP/watch.log" >&2; exit 1; }
    done
    echo $(( $(now_ms) - start ))
}
i=0
until grep -q 'repair #1 (start' "$TMP/watch.log" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -lt 600 ] || { cat "$TMP/watch.log" >&2; exit 1; }; sleep 0.05
done
sleep 1
WANT=$(cat /etc/resolv.conf)
ticks() { cut -d' ' -f14,15 "/proc/$watch/stat" | awk '{ print $1 + $2 }'; }
t0=$(ticks); s0=$(now_ms); sleep 10; t1=$(ticks); s1=$(now_ms)
echo "idle $(( (t1 - t0) * 10 )) $(( s1 - s0 ))" >"$TMP/cpu"
n=0
while [ "$n" -lt "$DRIFTS" ]; do
    sleep 1.5
    start=$(now_ms)
    if [ $((n % 2)) -eq 0 ]; then
        printf '%s\n' "$DRIFT" >/etc/resolv.conf.dhcp-new
        mv /etc/resolv.conf.dhcp-new /etc/resolv.conf
    else
        printf '%s\n' "$DRIFT" >/etc/resolv.conf
    fi
    await_file "$start" >>"$TMP/drift.ms"
    n=$((n + 1))
done
sleep 1.5
start=$(now_ms); nft delete table inet leakguard
while ! nft list table inet leakguard >/dev/null 2>&1; do :; done
echo $(( $(now_ms) - start )) >"$TMP/nft.ms"
sleep 1.5
start=$(now_ms); echo 0 >/proc/sys/net/ipv6/conf/all/disable_ipv6
while [ "$(cat /proc/sys/net/ipv6/conf/all/disable_ipv6)" != 1 ]; do :; done
echo $(( $(now_ms) - start )) >"$TMP/sysctl.ms"
sleep 31
t0=$(ticks); s0=$(now_ms)
end=$(( s0 + 6000 ))
while [ "$(now_ms)" -lt "$end" ]; do printf '%s\n' "$DRIFT" >/etc/resolv.conf; sleep 0.01; done
t1=$(ticks); s1=$(now_ms)
echo "fighter $(( (t1 - t0) * 10 )) $(( s1 - s0 ))" >>"$TMP/cpu"
kill -TERM "$watch"; wait "$watch" || true
INNER

ip netns add "$NS"
TMP=$tmp AGENT=$AGENT POLICY=$POLICY POLL=$POLL DRIFTS=$DRIFTS DRIFT=$drift \
    ip netns exec "$NS" unshare --mount --propagation private sh "$tmp/inner.sh" &
rc=0
wait $! || rc=$?
[ "$rc" -eq 0 ] || exit "$rc"

stats() { # median max of one number a line
    sort -n "$1" | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.0f ms | %d ms | %d", m, v[NR], NR }'
}
cpu() { # share of one core in percent
    awk -v k="$1" '$1 == k { printf "%.1f%%", 100 * $2 / $3 }' "$tmp/cpu"
}
repairs=$(grep -c 'Z repair #' "$tmp/watch.log" || true)
backoffs=$(grep -c ' backoff: ' "$tmp/watch.log" || true)
mkdir -p "$here/results"
{
    echo "# \`agent watch\`: drift to repair"
    echo
    echo "| drift | median | max | samples |"
    echo "|---|---:|---:|---:|"
    echo "| resolv.conf rewritten (rename or in place), inotify | $(stats "$tmp/drift.ms") |"
    echo "| nft table deleted, found by the $POLL poll | $(cat "$tmp/nft.ms") ms | | 1 |"
    echo "| net.ipv6.conf.all.disable_ipv6 reset, found by the $POLL poll | $(cat "$tmp/sysctl.ms") ms | | 1 |"
    echo
    echo "- CPU of the watch, share of one core: idle (polling every $POLL) $(cpu idle) over 10 s;" \
        "under a fighter rewriting resolv.conf every 10 ms $(cpu fighter) over 6 s"
    echo "- log: $repairs repair lines, $backoffs backoff lines over the whole run"
    echo "- host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); JVM: $(java -version 2>&1 | sed -n 2p)"
} >"$tmp/watch.md"
cp "$tmp/watch.md" "$here/results/watch.md"
cat "$tmp/watch.md"

if [ "$(host_state)" != "$host_before" ]; then
    fail "the host's resolv.conf, IPv6 sysctls or nft ruleset changed during the run; inspect them now"
fi
