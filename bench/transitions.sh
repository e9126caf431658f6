#!/bin/sh
# Transition benchmark: what each network transition costs in leaked packets, outage and repair
# time, without leakguard and with it. See bench/README.md.
#
#   sudo bench/transitions.sh [--agent PATH] [--deb FILE] [--window SECONDS] [--only ROW,ROW] [--ip-rules]
#                             [--runs N]
#
# The upgrade row installs --deb (default: the one dist/target holds) into overlays of /usr and
# /var inside the client's mount namespace, runs leakguard from it, and upgrades it with a copy
# whose version is raised: this machine's dpkg database never sees either.
# --ip-rules adds, with leakguard, policy-routing rules that a ruleset flush does not touch (53 and
# 853 prohibited but to the pinned resolver, 443 to the DoH address), loaded by this script: the
# measurement behind the choice of a second layer.
# Three throwaway network namespaces: a client (private mount namespace, a copy of /etc, a tmpfs
# /run), an "ISP" (a dnsmasq that leases addresses and offers its resolver 198.51.100.53, and a
# DoH address 192.0.2.44) and a "VPN" (the pinned resolver 203.0.113.53). In the client, a loop
# looks fresh names up through the system resolver (getent, at about 100 a second) and a rogue
# loop sends DNS straight to the ISP's resolver (UDP 53, TCP 53, UDP 853). Each row drives one
# transition twice: once on a client pinned by hand (the baseline: resolv.conf written, and for
# the firewall rows the same reject rules loaded with nft, no leakguard), once after `agent apply`
# with `agent watch` running. Per row: packets that reached the ISP namespace on 53/853 (TCP or
# UDP) or the DoH address on 443, counted there by nft; the longest run of failed lookups; and
# with leakguard the time until an `agent check` started after the transition is compliant.
# ra-rdnss and resolved-restart run on a client of their own, where the real systemd-networkd
# (DHCP and router advertisements, with a D-Bus bus of its own) hands its servers to the real
# systemd-resolved, whose stub is the client's resolv.conf; both come unpacked from Debian's
# systemd and systemd-resolved packages (the .deb files under platform-linux/target/debs or
# $LEAKGUARD_DEBS, else apt-get download), never installed.
# route-reboot and route-revert run on one more such client, with leakguard only: the policy adds
# a split-DNS route (corp.example to a corporate dnsmasq at 203.0.113.54, behind the VPN link),
# which resolved holds as per-link state. route-reboot restarts resolved with its saved link state
# gone (what a reboot does to /run), route-revert runs `resolvectl revert` on the route's link (as
# a reconnecting program does); each --runs times (default 5), timed from the transition until
# `resolvectl domain LINK` shows ~corp.example again, while a loop looks corporate names up with
# getent to show what a user gets meanwhile.
#
# Rows: dhcp-renew link-flap ra-rdnss nft-reload nft-flush resolved-restart resolv-rewrite
# policy-change upgrade route-reboot route-revert. Writes bench/results/transitions.md. About 6 minutes (the DHCP renewal
# waits for a 2-minute lease to reach T1, twice).
set -eu
unset CDPATH

here=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
repo=${here%/*}
AGENT=$repo/dist/target/agent/bin/agent
DEB=
POLICY=$here/transitions-policy.yaml
WINDOW=5
ONLY=
IP_RULES=
RUNS=5

usage() {
    sed -n '2,/^set -eu$/s/^# \{0,1\}//p' "$0" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case $1 in
        --agent) AGENT=${2:?}; shift ;;
        --deb) DEB=${2:?}; shift ;;
        --window) WINDOW=${2:?}; shift ;;
        --only) ONLY=${2:?}; shift ;;
        --ip-rules) IP_RULES=1 ;;
        --runs) RUNS=${2:?}; shift ;;
        -h|--help) usage ;;
        *) echo "transitions.sh: unknown argument: $1" >&2; usage ;;
    esac
    shift
done

fail() {
    echo "transitions.sh: $*" >&2
    exit 1
}
[ "$(id -u)" -eq 0 ] || fail "needs root (network and mount namespaces)"
want_row() { [ -z "$ONLY" ] || case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
PHASES=
for r in dhcp-renew link-flap nft-reload nft-flush resolv-rewrite policy-change upgrade; do
    want_row "$r" && PHASES=plain && break
done
if want_row ra-rdnss || want_row resolved-restart; then PHASES="$PHASES systemd"; fi
if want_row route-reboot || want_row route-revert; then PHASES="$PHASES split"; fi
[ -n "$PHASES" ] || fail "--only names no row"
tools="ip unshare nsenter mount nft dnsmasq dhclient getent dig dpkg-deb"
case $PHASES in *systemd*) tools="$tools radvd dbus-daemon" ;; esac
case $PHASES in *split*) tools="$tools dbus-daemon" ;; esac
for tool in $tools; do
    command -v "$tool" >/dev/null 2>&1 || fail "needs $tool on PATH (.ci/deps --tests installs it)"
done
[ -x "$AGENT" ] || fail "no agent launcher at $AGENT; build it with: mvn -B -q -DskipTests package"
AGENT=$(cd -P -- "$(dirname -- "$AGENT")" && pwd -P)/$(basename -- "$AGENT")

# shellcheck source=sandbox.sh
. "$here/sandbox.sh"
sandbox_start lg-trans
C=$NS-c
I=$NS-i
V=$NS-v
all_cleanup() {
    for n in "$C" "$I" "$V"; do
        NS=$n
        sandbox_cleanup_ns
    done
    rm -rf "$tmp"
}
sandbox_cleanup_ns() {
    if ip netns list 2>/dev/null | grep -q "^$NS\b"; then
        pids=$(ip netns pids "$NS" 2>/dev/null || true)
        # shellcheck disable=SC2086
        [ -z "$pids" ] || { kill $pids 2>/dev/null || true; sleep 0.5; kill -9 $pids 2>/dev/null || true; }
        ip netns del "$NS"
    fi
}
trap all_cleanup EXIT

# The ISP and the VPN, once for both modes.
ip netns add "$I"
ip netns add "$V"
for n in "$I" "$V"; do ip -n "$n" link set lo up; done
ip -n "$I" addr add 192.0.2.44/32 dev lo
ip netns exec "$I" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec "$V" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1
cat >"$tmp/count.nft" <<'EOF'
table inet lgcount {
    chain pre {
        type filter hook prerouting priority -300; policy accept;
        meta l4proto { tcp, udp } th dport { 53, 853 } counter comment "dns"
        ip daddr 192.0.2.44 meta l4proto { tcp, udp } th dport 443 counter comment "doh"
    }
}
EOF
ip netns exec "$I" nft -f "$tmp/count.nft"

if [ -z "$DEB" ]; then
    for f in "$repo"/dist/target/leakguard_*_all.deb; do
        [ -f "$f" ] && DEB=$f && break
    done
fi
if [ -n "$DEB" ] && { [ -z "$ONLY" ] || case ",$ONLY," in *,upgrade,*) true ;; *) false ;; esac; }; then
    dpkg-deb -R "$DEB" "$tmp/deb-next"
    sed -i 's/^Version: .*/&+next1/' "$tmp/deb-next/DEBIAN/control"
    dpkg-deb -b "$tmp/deb-next" "$tmp/leakguard-next.deb" >/dev/null
    rm -rf "$tmp/deb-next"
fi

# unpack PKG: the package's files under $tmp/PKG, from a cached .deb or apt-get download.
unpack() {
    deb=
    for f in "${LEAKGUARD_DEBS:-/nonexistent}/$1"_*.deb "$repo/platform-linux/target/debs/$1"_*.deb; do
        [ -f "$f" ] && deb=$f && break
    done
    if [ -z "$deb" ]; then
        (cd "$tmp" && apt-get download -q "$1" >/dev/null) || fail "could not download $1 (apt-get download $1)"
        for f in "$tmp/$1"_*.deb; do deb=$f; done
    fi
    dpkg -x "$deb" "$tmp/$1"
    echo "$deb" >>"$tmp/debs"
}
case $PHASES in
    *systemd*|*split*)
        unpack systemd
        unpack systemd-resolved
        mkdir "$tmp/sdbin"
        ln -s "$tmp/systemd/bin/networkctl" "$tmp/systemd/usr/bin/busctl" "$tmp/systemd-resolved/usr/bin/resolvectl" "$tmp/sdbin/"
        ;;
esac

cp "$POLICY" "$tmp/policy-a.yaml"
sed 's/servers: \[203.0.113.53\]/servers: [203.0.113.53]\n    searchDomains: [corp.example]/' "$POLICY" >"$tmp/policy-b.yaml"
sed 's/servers: \[203.0.113.53\]/&\n    routes:\n      - domains: [corp.example]\n        servers: [203.0.113.54]/' "$POLICY" >"$tmp/policy-split.yaml"

cat >"$tmp/inner.sh" <<'INNER'
set -eu
mount --bind "$TMP/etc" /etc
mount -t tmpfs tmpfs /run
# dhclient opens its lease database even to stop; keep any default one off the machine's /var.
[ ! -d /var/lib/dhcp ] || mount -t tmpfs tmpfs /var/lib/dhcp
mkdir -p /run/leakguard-bench
ip link set lo up
now_ms() { date +%s%3N; }
# resolved as systemd runs it, and its restart: stop, wait until gone, start.
resolved_start() {
    "$TMP/systemd-resolved/lib/systemd/systemd-resolved" >>"$TMP/resolved-$MODE.log" 2>&1 &
    echo $! >"$TMP/resolved.pid"
}
# With "reboot", the link state resolved saved under /run is gone first, as after a reboot.
resolved_restart() {
    pid=$(cat "$TMP/resolved.pid")
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || :
    [ "${1:-}" != reboot ] || rm -rf /run/systemd/resolve/netif
    resolved_start
}
link_dns() { cat /run/systemd/netif/links/* 2>/dev/null | grep '^DNS=' | tr '\n' ' '; }
log() { echo "$(date +%T.%3N) [$MODE] $*" >>"$TMP/run.log"; }
leaked() { nsenter --net="/proc/$ISP_PID/ns/net" nft list table inet lgcount | awk '/counter packets/ { for (i = 1; i <= NF; i++) if ($i == "packets") s += $(i + 1) } END { print s + 0 }'; }
want() {
    case $1 in
        ra-rdnss|resolved-restart) [ "$PHASE" = systemd ] ;;
        route-reboot|route-revert) [ "$PHASE" = split ] ;;
        *) [ "$PHASE" = plain ] ;;
    esac || return 1
    [ -z "$ONLY" ] || case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac
}
POL=$TMP/policy-$MODE.yaml
if [ "$PHASE" = split ]; then
    # In a quiet folder of its own, as /etc/leakguard is: the watch follows the policy's folder,
    # and the lookup loops' files next to it would wake it every few ms, which keeps its 1 s poll
    # (the only thing that sees resolved's link state lost on a restart or revert) from coming.
    mkdir -p "$TMP/policy-split"
    POL=$TMP/policy-split/policy.yaml
    cp "$TMP/policy-split.yaml" "$POL"
else
    cp "$TMP/policy-a.yaml" "$POL"
fi
agent() { "$AGENT" --state-dir "$TMP/state-$MODE" "$@"; }

printf 'nameserver 203.0.113.53\noptions timeout:1 attempts:2\n' >/etc/resolv.conf
: >/etc/dhcp/dhclient.conf
rm -f /etc/dhcp/dhclient-enter-hooks.d/* /etc/dhcp/dhclient-exit-hooks.d/* 2>/dev/null || true
cat >/etc/nftables.conf <<'EOF'
#!/usr/sbin/nft -f
flush ruleset
table inet filter {
	chain input { type filter hook input priority filter; }
	chain forward { type filter hook forward priority filter; }
	chain output { type filter hook output priority filter; }
}
EOF
if [ "$PHASE" = plain ]; then
    dhclient -pf "$TMP/dhclient.pid" -lf "$TMP/dhclient-$MODE.leases" "$CIF" 2>>"$TMP/dhclient.log"
    log "leased $(ip -4 -o addr show dev "$CIF" | awk '{ print $4 }'); resolv.conf by dhclient: $(grep nameserver /etc/resolv.conf | tr '\n' ' ')"
else
    # networkd (DHCPv4 and router advertisements on the ISP link) hands its servers to resolved,
    # whose stub is resolv.conf. The baseline pins resolved by hand in resolved.conf.
    PATH=$TMP/sdbin:$PATH
    mount -o remount,bind,ro /sys
    echo 'systemd-network:x:64054:64054:networkd:/:/usr/sbin/nologin' >>/etc/passwd
    echo 'systemd-resolve:x:64053:64053:resolved:/:/usr/sbin/nologin' >>/etc/passwd
    printf 'systemd-network:x:64054:\nsystemd-resolve:x:64053:\n' >>/etc/group
    mkdir -p /etc/systemd/network /etc/systemd/resolved.conf.d /run/dbus /run/systemd
    rm -rf /etc/systemd/network/* /etc/systemd/resolved.conf.d/*
    printf '[Match]\nName=%s\n[Network]\nDHCP=ipv4\nIPv6AcceptRA=yes\n' "$CIF" >/etc/systemd/network/50-bench.network
    if [ "$MODE" = base ]; then
        printf '[Resolve]\nDNS=203.0.113.53\nDomains=~.\n' >/etc/systemd/resolved.conf
    else
        printf '[Resolve]\n' >/etc/systemd/resolved.conf
    fi
    ln -sfn ../run/systemd/resolve/stub-resolv.conf /etc/resolv.conf
    cat >"$TMP/bus.conf" <<'EOF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>system</type><listen>unix:path=/run/dbus/system_bus_socket</listen><auth>EXTERNAL</auth>
<policy context="default"><allow user="*"/><allow own="*"/><allow send_destination="*"/><allow receive_sender="*"/></policy></busconfig>
EOF
    dbus-daemon --config-file="$TMP/bus.conf" --nofork --nopidfile >>"$TMP/dbus-$MODE.log" 2>&1 &
    echo $! >"$TMP/dbus.pid"
    i=0
    until [ -S /run/dbus/system_bus_socket ]; do i=$((i + 1)); [ "$i" -lt 100 ] || exit 1; sleep 0.05; done
    "$TMP/systemd/lib/systemd/systemd-networkd" >>"$TMP/networkd-$MODE.log" 2>&1 &
    echo $! >"$TMP/networkd.pid"
    resolved_start
    i=0
    until ip -4 -o addr show dev "$CIF" | grep -q 198.51.100 && getent hosts ready.bench.example >/dev/null 2>&1; do
        i=$((i + 1)); [ "$i" -lt 300 ] || { log "networkd or resolved never came up"; exit 1; }; sleep 0.1
    done
    log "networkd leased $(ip -4 -o addr show dev "$CIF" | awk '{ print $4 }'); link DNS: $(link_dns)"
fi

hand_pin() {
    printf 'nameserver 203.0.113.53\noptions timeout:1 attempts:2\n' >/etc/resolv.conf
}
hand_firewall() {
    nft -f - <<'EOF'
table inet handpinned {
	chain output {
		type filter hook output priority 0; policy accept;
		oif "lo" accept
		meta l4proto { tcp, udp } th dport { 53, 853 } ip daddr 203.0.113.53 accept
		udp dport { 53, 853 } reject
		tcp dport { 53, 853 } reject with tcp reset
		ip daddr 192.0.2.44 th dport 443 reject
	}
}
EOF
}

if [ "$MODE" = lg ] && [ -n "$DEB" ] && want upgrade; then
    # The package, installed for real into overlays of /usr and /var: leakguard runs from it.
    for d in usr var; do
        mkdir -p "$TMP/up-$d" "$TMP/work-$d"
        mount -t overlay overlay -o "lowerdir=/$d,upperdir=$TMP/up-$d,workdir=$TMP/work-$d" "/$d"
    done
    LEAKGUARD_CDS=off dpkg -i "$DEB" >"$TMP/dpkg.log" 2>&1 || { cat "$TMP/dpkg.log" >&2; exit 1; }
    AGENT=/usr/bin/agent
    log "installed $(dpkg-query -W -f '${Version}' leakguard); leakguard runs from $AGENT"
fi
if [ "$MODE" = lg ]; then
    [ "$PHASE" != plain ] || printf 'nameserver 198.51.100.53\noptions timeout:1 attempts:2\n' >/etc/resolv.conf
    rc=0
    agent apply "$POL" >"$TMP/apply.log" 2>&1 || rc=$?
    # Without systemd as PID 1 apply cannot restart resolved: it keeps the drop-in and exits 3,
    # saying the running resolved has not read it. The restart below is the admin's.
    if [ "$rc" -ne 0 ] && ! { [ "$rc" -eq 3 ] && [ "$PHASE" != plain ] && grep -q 'is not in effect' "$TMP/apply.log"; }; then
        cat "$TMP/apply.log" >&2
        exit 1
    fi
    if [ "$PHASE" != plain ]; then
        resolved_restart
        sleep 1
        log "applied; link DNS: $(link_dns); resolved drop-in: $(cat /etc/systemd/resolved.conf.d/*leakguard* 2>/dev/null | tr '\n' ' ')"
    fi
    if [ -n "$IP_RULES" ]; then
        ip rule add pref 9100 nop
        for p in udp tcp; do
            for port in 53 853; do
                ip rule add pref 9001 to 203.0.113.53 ipproto "$p" dport "$port" goto 9100
                ip rule add pref 9010 ipproto "$p" dport "$port" prohibit
            done
            ip rule add pref 9010 to 192.0.2.44 ipproto "$p" dport 443 prohibit
        done
        log "ip rules: $(ip rule | tr '\n' ';')"
    fi
    agent watch "$POL" --fight-window 1s >"$TMP/watch.log" 2>&1 &
    echo $! >"$TMP/watch.pid"
    i=0
    until grep -q 'following nftables' "$TMP/watch.log" 2>/dev/null && grep -q 'repair #1\|watching' "$TMP/watch.log"; do
        i=$((i + 1)); [ "$i" -lt 600 ] || { cat "$TMP/watch.log" >&2; exit 1; }; sleep 0.05
    done
    sleep 2
    s=$(now_ms)
    agent check "$POL" >/dev/null 2>&1 || log "check after apply is not compliant"
    echo $(( $(now_ms) - s )) >"$TMP/check.ms"
elif [ "$PHASE" = plain ]; then
    hand_pin
fi

# The client's load: lookups through the system resolver, and a rogue sender that ignores it.
rm -f "$TMP/stop"
( i=0; while [ ! -e "$TMP/stop" ]; do
    i=$((i + 1)); s=$(now_ms)
    if getent hosts "q$i.$MODE.bench.example" >/dev/null 2>&1; then echo "$s 1"; else echo "$s 0"; fi
  done >>"$TMP/lookups-$MODE" ) &
rogue() {
    while [ ! -e "$TMP/stop" ] && [ ! -e "$TMP/rogue-off" ]; do
        dig +tries=1 +time=1 @198.51.100.53 rogue.bench.example >/dev/null 2>&1 || :
        dig +tcp +tries=1 +time=1 @198.51.100.53 rogue.bench.example >/dev/null 2>&1 || :
        dig +tries=1 +time=1 -p 853 @198.51.100.53 rogue.bench.example >/dev/null 2>&1 || :
    done
}
rogue_on() { rm -f "$TMP/rogue-off"; rogue & }
rogue_off() { touch "$TMP/rogue-off"; sleep 1.2; }

# row NAME: t0, counters and the check loop around the transition the caller then drives.
# T0 opens the window; TE is when the transition happened (later than T0 only where the row
# waits for it), from which the repair is timed and the window runs WINDOW seconds.
row_begin() {
    ROW=$1
    L0=$(leaked)
    T0=$(now_ms)
    TE=$T0
    log "$ROW: begin"
}
row_end() {
    repair=-
    if [ "$MODE" = lg ]; then
        repair=never
        while [ $(( $(now_ms) - TE )) -lt 20000 ]; do
            if agent check "$POL" >/dev/null 2>&1; then repair=$(( $(now_ms) - TE )); break; fi
        done
    fi
    rest=$(( TE + WINDOW * 1000 - $(now_ms) ))
    [ "$rest" -le 0 ] || sleep "$(awk -v ms="$rest" 'BEGIN { printf "%.3f", ms / 1000 }')"
    T1=$(now_ms)
    L1=$(leaked)
    fixed=$(watch_repaired)
    echo "$ROW $MODE $(( L1 - L0 )) $T0 $T1 $repair $fixed" >>"$TMP/rows"
    log "$ROW: leaked $(( L1 - L0 )), compliant check $repair, watch repaired $fixed"
}
# From the transition to the end of the watch's last repair in the window (its log line is
# written when the repair's transaction is over); "none" when nothing needed one.
watch_repaired() {
    [ "$MODE" = lg ] || { echo -; return; }
    last=
    while read -r ts rest; do
        case $rest in "repair #"*) ;; *) continue ;; esac
        t=$(date -d "$ts" +%s%3N)
        if [ "$t" -ge "$TE" ] && [ "$t" -le "$T1" ]; then last=$t; fi
    done <"$TMP/watch.log"
    if [ -n "$last" ]; then echo $(( last - TE )); else echo none; fi
}
na() { echo "$1 $MODE na 0 0 - -" >>"$TMP/rows"; }
sleep 1

if want dhcp-renew; then
    # The running dhclient's own renewal at T1 of a 2-minute lease: wait for its next rewrite.
    [ "$MODE" = lg ] || hand_pin
    sleep 1
    before=$(stat -c %y "$TMP/dhclient-$MODE.leases")
    row_begin dhcp-renew
    while [ "$(stat -c %y "$TMP/dhclient-$MODE.leases")" = "$before" ]; do sleep 0.05; done
    TE=$(now_ms)
    log "dhcp-renew: renewed; resolv.conf: $(grep nameserver /etc/resolv.conf | tr '\n' ' ')"
    row_end
fi
if want link-flap; then
    [ "$MODE" = lg ] || hand_pin
    sleep 1
    row_begin link-flap
    # As ifdown/ifup do: the link goes down and up, and a new dhclient takes a new lease.
    dhclient -r -pf "$TMP/dhclient.pid" -lf "$TMP/dhclient-$MODE.leases" "$CIF" 2>>"$TMP/dhclient.log" || :
    ip link set "$CIF" down
    ip link set "$CIF" up
    dhclient -pf "$TMP/dhclient.pid" -lf "$TMP/dhclient-$MODE.leases" "$CIF" 2>>"$TMP/dhclient.log"
    row_end
fi
if want ra-rdnss; then
    # radvd starts advertising the ISP's IPv6 resolver (RDNSS) on the link networkd manages; the
    # transition is the first advertisement networkd acts on (its address from the prefix is up).
    sleep 1
    row_begin ra-rdnss
    nsenter --net="/proc/$ISP_PID/ns/net" radvd -n -C "$TMP/radvd.conf" -p "$TMP/radvd-$MODE.pid" -m logfile \
        -l "$TMP/radvd-$MODE.log" &
    RADVD=$!
    i=0
    until ip -6 -o addr show dev "$CIF" scope global | grep -q 2001:db8:1:; do
        i=$((i + 1)); [ "$i" -lt 400 ] || { log "ra-rdnss: no address from the advertised prefix in 20 s"; break; }; sleep 0.05
    done
    TE=$(now_ms)
    log "ra-rdnss: advertisement taken after $((TE - T0)) ms; link DNS: $(link_dns)"
    row_end
    log "ra-rdnss: at the window's end, link DNS: $(link_dns)"
    kill -TERM "$RADVD" 2>/dev/null || :
    wait "$RADVD" 2>/dev/null || :
fi
if want nft-reload; then
    [ "$MODE" = lg ] || { hand_pin; hand_firewall; }
    rogue_on
    sleep 1
    row_begin nft-reload
    nft -f /etc/nftables.conf
    row_end
    rogue_off
fi
if want nft-flush; then
    [ "$MODE" = lg ] || { hand_pin; hand_firewall; }
    rogue_on
    sleep 1
    row_begin nft-flush
    nft flush ruleset
    row_end
    rogue_off
fi
if want resolved-restart; then
    # As systemctl restart does: stop the daemon, start it again; its stub is down in between.
    sleep 1
    row_begin resolved-restart
    resolved_restart
    i=0
    until dig +time=1 +tries=1 @127.0.0.53 up.bench.example >/dev/null 2>&1; do
        i=$((i + 1)); [ "$i" -lt 1000 ] || break; sleep 0.01
    done
    log "resolved-restart: the stub answered $(( $(now_ms) - T0 )) ms after the restart began"
    row_end
    log "resolved-restart: link DNS: $(link_dns)"
fi
if want resolv-rewrite; then
    [ "$MODE" = lg ] || hand_pin
    sleep 1
    row_begin resolv-rewrite
    printf 'nameserver 198.51.100.53\n' >/etc/resolv.conf.new
    mv /etc/resolv.conf.new /etc/resolv.conf
    row_end
fi
if want policy-change; then
    if [ "$MODE" = lg ]; then
        rogue_on
        sleep 1
        row_begin policy-change
        cp "$TMP/policy-b.yaml" "$POL.new"
        mv "$POL.new" "$POL"
        agent --wait 30 apply "$POL" >>"$TMP/apply.log" 2>&1 || log "apply of the changed policy exited $?"
        row_end
        rogue_off
    else
        na policy-change
    fi
fi
if want upgrade; then
    if [ "$MODE" = lg ] && [ "$AGENT" = /usr/bin/agent ]; then
        rogue_on
        sleep 1
        row_begin upgrade
        LEAKGUARD_CDS=off dpkg -i "$TMP/leakguard-next.deb" >>"$TMP/dpkg.log" 2>&1 || log "dpkg -i of the newer build exited $?"
        log "upgrade: now $(dpkg-query -W -f '${Version}' leakguard)"
        row_end
        rogue_off
    else
        na upgrade
    fi
fi

# The split-DNS route on the VPN link: RUNS transitions a row, each timed until resolvectl shows
# the route's domain on the link again; meanwhile a loop asks corporate names through getent
# ("$ms $answer" lines; the corporate resolver answers 192.0.2.2, the pinned one 203.0.113.1).
# The timing loop reads the link state resolved saves under /run when it changes, so that it
# makes no D-Bus traffic of its own for the watch's busctl feed to see.
route_on() { resolvectl domain "$VIF" 2>/dev/null | grep -q '~corp\.example'; }
route_saved() { grep -qs '^DOMAINS=.*~corp\.example' "/run/systemd/resolve/netif/$(cat "/sys/class/net/$VIF/ifindex")"; }
route_row() { # ROW
    n=0
    while [ "$n" -lt "$RUNS" ]; do
        n=$((n + 1))
        i=0
        until route_on && route_saved; do
            i=$((i + 1)); [ "$i" -lt 60 ] || { log "$1: the route was not on $VIF before run $n"; return 0; }; sleep 0.5
        done
        sleep 1
        rm -f "$TMP/corp-stop"
        ( j=0; while [ ! -e "$TMP/corp-stop" ]; do
            j=$((j + 1)); s=$(now_ms)
            a=$(getent hosts "c$j.$1.$n.corp.example" 2>/dev/null | awk '{ print $1; exit }')
            echo "$s ${a:-failed} $(( $(now_ms) - s ))"
          done >"$TMP/corp-$1-$n" ) &
        LOOP=$!
        sleep 0.3
        TE=$(now_ms)
        case $1 in
            route-reboot) resolved_restart reboot ;;
            route-revert) resolvectl revert "$VIF" ;;
        esac
        back=never
        while [ $(( $(now_ms) - TE )) -lt 30000 ]; do
            if route_saved; then back=$(( $(now_ms) - TE )); break; fi
            sleep 0.02
        done
        [ "$back" = never ] || route_on || log "$1 run $n: the saved state has the route, resolvectl not"

        sleep 0.5
        touch "$TMP/corp-stop"
        wait "$LOOP" 2>/dev/null || :
        # What the lookups in flight between the transition and the route's return got.
        seen=$(awk -v t0="$TE" -v b="$back" '$1 + $3 >= t0 && (b == "never" || $1 <= t0 + b) { c[$2]++; if ($3 > m) m = $3 }
            END { for (k in c) { printf "%s%s x%d", sep, k, c[k]; sep = ", " } printf " (longest %d ms)", m }' "$TMP/corp-$1-$n")
        after=$(getent hosts "after.$1.$n.corp.example" | awk '{ print $1; exit }')
        echo "$1 $n $back $after $seen" >>"$TMP/routes"
        log "$1 run $n: route back after $back ms; corporate lookups meanwhile: $seen; after: ${after:-failed}"
        if [ "$back" = never ]; then
            # The route stays lost: later runs would measure nothing. Whether a feed kept the watch busy:
            log "$1: lines in 2 s from the watch's feeds: busctl $(timeout 2 busctl monitor org.freedesktop.resolve1 2>/dev/null | grep -c '^.*Type=' || :), nft $(timeout 2 nft monitor 2>/dev/null | grep -c . || :), ip rule $(timeout 2 ip -N monitor rule 2>/dev/null | grep -c . || :)"
            return 0
        fi
    done
}
if [ "$MODE" = lg ] && want route-revert; then route_row route-revert; fi
if [ "$MODE" = lg ] && want route-reboot; then route_row route-reboot; fi

touch "$TMP/stop"
sleep 1.5
[ ! -f "$TMP/watch.pid" ] || { kill -TERM "$(cat "$TMP/watch.pid")" 2>/dev/null || :; sleep 1; }
dhclient -x -pf "$TMP/dhclient.pid" -lf "$TMP/dhclient-$MODE.leases" 2>/dev/null || :
for d in resolved networkd dbus; do
    [ ! -f "$TMP/$d.pid" ] || kill -TERM "$(cat "$TMP/$d.pid")" 2>/dev/null || :
done
sleep 0.5
INNER

# One client per phase and mode, each from a fresh copy of /etc.
for PHASE in $PHASES; do
for MODE in base lg; do
    # The route rows time leakguard's repair: without it the route stays lost until its owner sets it again.
    [ "$PHASE" != split ] || [ "$MODE" = lg ] || continue
    ip netns add "$C"
    ip -n "$C" link set lo up
    ip link add "lgti$$" type veth peer name "lgtc$$"
    ip link set "lgti$$" netns "$I"
    ip link set "lgtc$$" netns "$C"
    ip link add "lgtv$$" type veth peer name "lgtw$$"
    ip link set "lgtv$$" netns "$V"
    ip link set "lgtw$$" netns "$C"
    ip -n "$I" addr add 198.51.100.1/24 dev "lgti$$"
    ip -n "$I" addr add 198.51.100.53/24 dev "lgti$$"
    ip -n "$I" link set "lgti$$" up
    ip -n "$V" addr add 203.0.113.53/24 dev "lgtv$$"
    ip -n "$V" link set "lgtv$$" up
    if [ "$PHASE" = split ]; then
        # The corporate resolver the route names, behind the same VPN link.
        ip -n "$V" addr add 203.0.113.54/24 dev "lgtv$$"
        ip netns exec "$V" dnsmasq --no-resolv --no-hosts --bind-interfaces --listen-address=203.0.113.54 \
            --address=/#/192.0.2.2 --pid-file="$tmp/corp.pid" --log-facility="$tmp/corp-$MODE.log"
    fi
    ip -n "$C" addr add 203.0.113.2/24 dev "lgtw$$"
    ip -n "$C" link set "lgtw$$" up
    ip -n "$C" link set "lgtc$$" up
    v6=
    if [ "$PHASE" = systemd ]; then
        # The ISP's IPv6 side: its resolver at 2001:db8:1::53, advertised by radvd in ra-rdnss.
        ip netns exec "$I" sysctl -q -w net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.all.forwarding=1
        ip netns exec "$I" sysctl -q -w "net.ipv6.conf.lgti$$.disable_ipv6=0"
        ip -n "$I" addr add 2001:db8:1::1/64 dev "lgti$$" nodad
        ip -n "$I" addr add 2001:db8:1::53/64 dev "lgti$$" nodad
        printf 'interface lgti%s {\n AdvSendAdvert on;\n MinRtrAdvInterval 3;\n MaxRtrAdvInterval 4;\n prefix 2001:db8:1::/64 {};\n RDNSS 2001:db8:1::53 {};\n};\n' "$$" >"$tmp/radvd.conf"
        v6=--listen-address=2001:db8:1::53
    fi
    # shellcheck disable=SC2086 # $v6: one option or none
    ip netns exec "$I" dnsmasq --no-resolv --no-hosts --bind-interfaces --interface="lgti$$" --except-interface=lo \
        --listen-address=198.51.100.53 --listen-address=198.51.100.1 $v6 --address=/#/198.51.100.1 \
        --dhcp-range=198.51.100.100,198.51.100.150,2m --dhcp-option=option:router,198.51.100.1 \
        --dhcp-option=option:dns-server,198.51.100.53 --dhcp-leasefile="$tmp/isp-$MODE.leases" \
        --pid-file="$tmp/isp.pid" --log-facility="$tmp/isp-$MODE.log"
    ip netns exec "$V" dnsmasq --no-resolv --no-hosts --bind-interfaces --listen-address=203.0.113.53 \
        --address=/#/203.0.113.1 --pid-file="$tmp/vpn.pid" --log-facility="$tmp/vpn-$MODE.log"
    rm -rf "${tmp:?}/etc"
    cp -a /etc "$tmp/etc"
    rm -f "$tmp/etc/resolv.conf"
    rm -f "$tmp/watch.pid"
    rc=0
    TMP=$tmp AGENT=$AGENT DEB=$DEB PHASE=$PHASE MODE=$MODE ISP_PID=$(cat "$tmp/isp.pid") CIF=lgtc$$ VIF=lgtw$$ RUNS=$RUNS WINDOW=$WINDOW ONLY=$ONLY IP_RULES=$IP_RULES \
        ip netns exec "$C" unshare --mount --propagation private sh "$tmp/inner.sh" || rc=$?
    kill "$(cat "$tmp/isp.pid")" "$(cat "$tmp/vpn.pid")" 2>/dev/null || :
    [ ! -f "$tmp/corp.pid" ] || { kill "$(cat "$tmp/corp.pid")" 2>/dev/null || :; rm -f "$tmp/corp.pid"; }
    NS=$C
    sandbox_cleanup_ns
    [ ! -f "$tmp/watch.log" ] || cat "$tmp/watch.log" >>"$tmp/watch-all.log"
    [ "$rc" -eq 0 ] || { cat "$tmp/run.log" >&2; [ ! -f "$tmp/watch.log" ] || tail -20 "$tmp/watch.log" >&2; fail "the $PHASE $MODE run failed ($rc)"; }
    rm -f "$tmp/watch.log"
done
done

# Outage: the longest run of failed lookups inside a row's window, from the first failure to
# the next success (or to the window's end, marked +).
outage() { # MODE T0 T1
    awk -v t0="$2" -v t1="$3" '$1 >= t0 && $1 <= t1 {
            n++
            if ($2 == 0 && start == "") start = $1
            if ($2 == 1 && start != "") { if ($1 - start > max) max = $1 - start; start = "" }
        }
        END {
            open = (start != "") ? t1 - start : 0
            if (open > max) printf "%d+ ms", open; else printf "%d ms", max + 0
        }' "$tmp/lookups-$1"
}
# The longest single lookup that started inside a row's window (until the next one started): a
# lookup that hangs and then succeeds is no failure, but the program waits all the same.
longest() { # MODE T0 T1
    awk -v t0="$2" -v t1="$3" 'p != "" && p >= t0 && p <= t1 && $1 - p > max { max = $1 - p } { p = $1 }
        END { printf "%d ms", max + 0 }' "$tmp/lookups-$1"
}
waits() { # ROW: the longest lookup, baseline / leakguard
    out=
    for m in base lg; do
        line=$(awk -v r="$1" -v m="$m" '$1 == r && $2 == m && $3 != "na"' "$tmp/rows")
        # shellcheck disable=SC2086 # the fields, split on purpose
        if [ -n "$line" ]; then set -- "$1" $line; out="$out${out:+ / }$(longest "$m" "$5" "$6")"; else out="$out${out:+ / }-"; fi
    done
    echo "$out"
}
rate() { # lookups a second over the runs of one mode (a pause of 5 s or more between clients left out)
    awk 'NR > 1 && $1 - p < 5000 { t += $1 - p } { p = $1; n++ } END { if (t > 0) printf "%.0f", n * 1000 / t; else print 0 }' "$tmp/lookups-$1"
}
cell() { # ROW MODE: leaked | outage [| repaired by the watch | compliant check]
    line=$(awk -v r="$1" -v m="$2" '$1 == r && $2 == m' "$tmp/rows")
    [ -n "$line" ] || { echo "| | |"; return; }
    # shellcheck disable=SC2086 # the fields, split on purpose
    set -- $line
    if [ "$3" = na ]; then
        if [ "$2" = lg ]; then echo "n/m | n/m | n/m | n/m"; else echo "n/m | n/m"; fi
        return
    fi
    if [ "$2" = base ]; then echo "$3 | $(outage "$2" "$4" "$5")"; return; fi
    rep=$6
    fix=$7
    case $rep in -|never) ;; *) rep="$rep ms" ;; esac
    case $fix in -|none) ;; *) fix="$fix ms" ;; esac
    echo "$3 | $(outage "$2" "$4" "$5") | $fix | $rep"
}
watch_ms() { # the watch's own repair lines: ms after the drift was seen
    grep -o '[0-9]* ms after the drift was seen' "$tmp/watch-all.log" 2>/dev/null | awk '{ print $1 }' | tr '\n' ' '
}
route_summary() { # ROW: median and max of the route's return over the runs, and what lookups got
    awk -v r="$1" '$1 == r { n++; if ($3 == "never") never++; else v[++k] = $3 }
        END {
            if (n == 0) exit
            for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
            med = k == 0 ? "-" : (k % 2 ? v[(k + 1) / 2] : int((v[k / 2] + v[k / 2 + 1]) / 2)) " ms"
            printf "%d | %s | %s | %s", n, med, k == 0 ? "-" : v[k] " ms", never + 0
        }' "$tmp/routes"
}
: >>"$tmp/rows"
: >>"$tmp/routes"
for m in base lg; do : >>"$tmp/lookups-$m"; done
mkdir -p "$here/results"
{
    echo "# Transitions: leaked packets, outage, repair"
    echo
    echo "| transition | baseline leaked | baseline outage | leakguard leaked | leakguard outage | repaired by the watch | compliant check done |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for r in dhcp-renew link-flap ra-rdnss nft-reload nft-flush resolved-restart resolv-rewrite policy-change upgrade; do
        grep -q "^$r " "$tmp/rows" || continue
        echo "| $r | $(cell "$r" base) | $(cell "$r" lg) |"
    done
    echo
    [ -z "$IP_RULES" ] || echo "- with leakguard, ip rules added by the script as a second layer (--ip-rules)"
    echo "- window ${WINDOW} s a row; lookups a second: baseline $(rate base), leakguard $(rate lg); n/m = not measured (see README)"
    printf -- '- longest single lookup in the window, baseline / leakguard:'
    for r in dhcp-renew link-flap ra-rdnss nft-reload nft-flush resolved-restart resolv-rewrite policy-change upgrade; do
        if grep -q "^$r " "$tmp/rows"; then printf ' %s %s;' "$r" "$(waits "$r")"; fi
    done
    echo
    echo "- agent watch repair lines (ms after the drift was seen): $(watch_ms)"
    echo "- one \`agent check\` of the compliant client alone took $(cat "$tmp/check.ms" 2>/dev/null || echo '?') ms: the last column includes one such run"
    if [ -s "$tmp/routes" ]; then
        echo
        echo "| split-DNS route lost | runs | back on the link, median | max | never (30 s) |"
        echo "|---|---:|---:|---:|---:|"
        for r in route-reboot route-revert; do
            grep -q "^$r " "$tmp/routes" || continue
            echo "| $r | $(route_summary "$r") |"
        done
        echo
        echo "- per run: ROW RUN ms-until-back answer-after [answers to corporate lookups meanwhile, longest lookup]:"
        sed 's/^/  - /' "$tmp/routes"
    fi
    echo "- host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); kernel $(uname -r)"
} >"$tmp/transitions.md"
cp "$tmp/transitions.md" "$here/results/transitions.md"
cp "$tmp/run.log" "$here/results/transitions.log"
for m in base lg; do cp "$tmp/lookups-$m" "$here/results/transitions-lookups-$m.log"; done
[ ! -f "$tmp/watch-all.log" ] || cp "$tmp/watch-all.log" "$here/results/transitions-watch.log"
cat "$tmp/transitions.md"

if [ "$(host_state)" != "$host_before" ]; then
    fail "the host's resolv.conf, IPv6 sysctls or nft ruleset changed during the run; inspect them now"
fi
