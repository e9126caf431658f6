#!/bin/sh
# Start-up benchmark: `agent check` on a compliant host against a Java hello-world on the
# same JVM. See bench/README.md.
#
#   sudo bench/startup.sh [--agent PATH] [--baseline PATH] [--runs N] [--rounds R] [--rss-runs N] [--compare]
#
# --baseline adds `agent check` of another build (e.g. the previous commit's dist/target/agent)
# to the same alternating rounds, on the same sandbox, so before and after share the load.
#
# The check runs in a throwaway network namespace with a private mount namespace, where
# `agent apply bench/policy.yaml` has made the sandbox compliant first. Nothing on this
# machine changes: the namespace, its nft table, its /etc (a bind-mounted temporary copy) and
# its /run (a tmpfs) go away at exit, and the host's resolv.conf, nft ruleset and IPv6 sysctls
# are compared before and after.
#
# Prints a markdown table and writes it to bench/results/latest.md.
set -eu
unset CDPATH

here=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
repo=${here%/*}
AGENT=$repo/dist/target/agent/bin/agent
POLICY=$here/policy.yaml
RUNS=30      # wall-clock runs per command, split over ROUNDS alternating hyperfine rounds
ROUNDS=3
RSS_RUNS=10  # /usr/bin/time runs per command for peak RSS
COMPARE=0
BASELINE=

usage() {
    sed -n '2,16s/^# \{0,1\}//p' "$0" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case $1 in
        --agent) AGENT=${2:?}; shift ;;
        --baseline) BASELINE=${2:?}; shift ;;
        --runs) RUNS=${2:?}; shift ;;
        --rounds) ROUNDS=${2:?}; shift ;;
        --rss-runs) RSS_RUNS=${2:?}; shift ;;
        --compare) COMPARE=1 ;;
        -h|--help) usage ;;
        *) echo "startup.sh: unknown argument: $1" >&2; usage ;;
    esac
    shift
done

fail() {
    echo "startup.sh: $*" >&2
    exit 1
}
[ "$(id -u)" -eq 0 ] || fail "needs root (network and mount namespaces)"
for tool in ip unshare mount nft hyperfine jq; do
    command -v "$tool" >/dev/null 2>&1 || fail "needs $tool on PATH"
done
[ -x /usr/bin/time ] || fail "needs GNU time as /usr/bin/time (Debian package: time)"
[ -x "$AGENT" ] || fail "no agent launcher at $AGENT; build it with: mvn -B -q -DskipTests package"
AGENT=$(cd -P -- "$(dirname -- "$AGENT")" && pwd -P)/$(basename -- "$AGENT")
if [ -n "$BASELINE" ]; then
    [ -x "$BASELINE" ] || fail "no agent launcher at $BASELINE (--baseline)"
    BASELINE=$(cd -P -- "$(dirname -- "$BASELINE")" && pwd -P)/$(basename -- "$BASELINE")
fi
[ "$RUNS" -ge "$ROUNDS" ] || fail "--runs must be at least --rounds"

# The JVM bin/agent uses; the hello-world is compiled by the javac next to it.
if [ -n "${JAVA_HOME:-}" ]; then
    JAVA=$JAVA_HOME/bin/java
else
    JAVA=$(command -v java) || fail "no java on PATH and JAVA_HOME is not set"
    JAVA=$(readlink -f -- "$JAVA")
fi
JAVAC=${JAVA%/*}/javac
[ -x "$JAVAC" ] || fail "no javac next to $JAVA; the hello-world needs the JDK of the JVM under test"

# shellcheck source=sandbox.sh
. "$here/sandbox.sh"
sandbox_start lg-bench

mkdir "$tmp/hello"
printf 'public class HelloWorld {\n    public static void main(String[] args) {\n        System.out.println("Hello, world");\n    }\n}\n' \
    >"$tmp/hello/HelloWorld.java"
"$JAVAC" -d "$tmp/hello" "$tmp/hello/HelloWorld.java"
# The sandbox starts from this machine's resolv.conf; a private /run keeps systemd out.
cat /etc/resolv.conf >"$tmp/etc/resolv.conf" 2>/dev/null || : >"$tmp/etc/resolv.conf"

# Runs inside the sandbox: private /etc and /run, apply, prove compliance, then measure.
cat >"$tmp/inner.sh" <<'INNER'
set -eu
mount --bind "$TMP/etc" /etc
mount -t tmpfs tmpfs /run
ip link set lo up
if ! "$AGENT" --state-dir "$TMP/state" apply "$POLICY" >"$TMP/apply.out" 2>&1; then
    echo "startup.sh: agent apply failed in the sandbox:" >&2
    cat "$TMP/apply.out" >&2
    exit 1
fi
rc=0
"$AGENT" --state-dir "$TMP/state" check "$POLICY" >"$TMP/check.out" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
    echo "startup.sh: the sandbox is not compliant after apply (agent check exited $rc):" >&2
    cat "$TMP/check.out" >&2
    exit 1
fi

# name|command lines; hyperfine parses each command (no shell), so paths are quoted.
{
    echo "hello|'$JAVA' -cp '$TMP/hello' HelloWorld"
    echo "check|'$AGENT' --state-dir '$TMP/state' check '$POLICY'"
    if [ -n "$BASELINE" ]; then
        echo "check-baseline|'$BASELINE' --state-dir '$TMP/state' check '$POLICY'"
    fi
    if [ "$COMPARE" = 1 ]; then
        echo "check-no-cds|env LEAKGUARD_CDS=off '$AGENT' --state-dir '$TMP/state' check '$POLICY'"
        echo "check-no-verify|env 'LEAKGUARD_JAVA_OPTS=-XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote' '$AGENT' --state-dir '$TMP/state' check '$POLICY'"
    fi
} >"$TMP/commands"

# Wall clock: alternate the commands in rounds so a change in machine load hits all alike.
per=$(( (RUNS + ROUNDS - 1) / ROUNDS ))
round=1
while [ "$round" -le "$ROUNDS" ]; do
    set --
    while IFS='|' read -r name cmd; do
        set -- "$@" -n "$name" "$cmd"
    done <"$TMP/commands"
    if ! hyperfine -N --style none --warmup 2 --runs "$per" --export-json "$TMP/wall.$round.json" "$@" \
            >/dev/null 2>"$TMP/hyperfine.$round.err"; then
        cat "$TMP/hyperfine.$round.err" >&2
        exit 1
    fi
    round=$((round + 1))
done

# Peak RSS of the whole process, one /usr/bin/time per run.
while IFS='|' read -r name cmd; do
    i=0
    while [ "$i" -lt "$RSS_RUNS" ]; do
        eval "set -- $cmd"
        /usr/bin/time -f %M -a -o "$TMP/rss.$name" "$@" >/dev/null 2>&1 \
            || { echo "startup.sh: '$cmd' failed while measuring memory" >&2; exit 1; }
        i=$((i + 1))
    done
done <"$TMP/commands"
INNER

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
ip netns add "$NS"
# In the background, so a signal to this script runs the cleanup at once (it kills what runs
# in the namespace) instead of waiting for the sandbox to finish.
TMP=$tmp AGENT=$AGENT BASELINE=$BASELINE POLICY=$POLICY JAVA=$JAVA RUNS=$RUNS ROUNDS=$ROUNDS RSS_RUNS=$RSS_RUNS COMPARE=$COMPARE \
    ip netns exec "$NS" unshare --mount --propagation private sh "$tmp/inner.sh" &
rc=0
wait $! || rc=$?
[ "$rc" -eq 0 ] || exit "$rc"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Figures. Medians over all rounds; RSS in MiB from GNU time's KiB.
wall_ms() {
    jq -s --arg n "$1" '[.[].results[] | select(.command == $n) | .times[]] | sort
        | (if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end) * 1000' \
        "$tmp"/wall.*.json
}
rss_mib() { # median|max
    sort -n "$tmp/rss.$1" | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.0f|%.0f", m / 1024, v[NR] / 1024 }'
}
label() {
    case $1 in
        hello) echo "Java hello-world (the floor)" ;;
        check) echo "\`agent check\`, compliant host" ;;
        check-baseline) echo "\`agent check\`, baseline ($BASELINE)" ;;
        check-no-cds) echo "\`agent check\`, LEAKGUARD_CDS=off" ;;
        check-no-verify) echo "\`agent check\`, -XX:-BytecodeVerificationRemote" ;;
    esac
}

hello_ms=$(wall_ms hello)
check_ms=$(wall_ms check)
check_rss=$(rss_mib check)
if [ -f "${AGENT%/bin/*}/lib/agent.jsa" ]; then
    if "${AGENT%/bin/*}/bin/regenerate-cds" --check >/dev/null 2>&1; then cds="in use"; else cds="present but not accepted by this JVM"; fi
else
    cds="none (run bin/regenerate-cds)"
fi
verdict=$(awk -v c="$check_ms" -v h="$hello_ms" -v r="${check_rss#*|}" 'BEGIN {
    x = c / h
    printf "%s (%.2fx: goal <= 3x, bar <= 4x); peak RSS %s (%d MiB, bar <= 96 MiB)",
        (x <= 3 ? "goal met" : (x <= 4 ? "bar met" : "too slow")), x, (r <= 96 ? "ok" : "too high"), r }')

mkdir -p "$here/results"
{
    echo "# Start-up: \`agent check\` against a Java hello-world"
    echo
    echo "| command | median wall | × hello-world | peak RSS median | peak RSS max |"
    echo "|---|---:|---:|---:|---:|"
    cut -d'|' -f1 "$tmp/commands" | while read -r name; do
        ms=$(wall_ms "$name")
        rss=$(rss_mib "$name")
        awk -v l="$(label "$name")" -v ms="$ms" -v h="$hello_ms" -v med="${rss%|*}" -v max="${rss#*|}" \
            'BEGIN { printf "| %s | %.0f ms | %.2f× | %d MiB | %d MiB |\n", l, ms, ms / h, med, max }'
    done
    echo
    echo "- verdict: $verdict"
    echo "- wall: median of $((ROUNDS * ((RUNS + ROUNDS - 1) / ROUNDS))) runs per command (hyperfine, $ROUNDS alternating rounds, 2 warm-ups each); RSS: $RSS_RUNS runs of /usr/bin/time -f %M"
    echo "- JVM: $("$JAVA" -version 2>&1 | sed -n 2p) ($JAVA)"
    echo "- CDS archive: $cds"
    echo "- host: $(nproc) cores; load average $load_before before, $load_after after$(
        if grep -q 'outliers' "$tmp"/hyperfine.*.err 2>/dev/null; then
            echo "; hyperfine saw statistical outliers (a busy machine): compare ratios, not absolute times"
        fi)"
    echo "- sandbox: network namespace $NS + private mount namespace, after \`agent apply $(basename "$POLICY")\`"
} >"$tmp/latest.md"
cp "$tmp/latest.md" "$here/results/latest.md"
cat "$tmp/latest.md"

if [ "$(host_state)" != "$host_before" ]; then
    fail "the host's resolv.conf, IPv6 sysctls or nft ruleset changed during the run; inspect them now"
fi
