# shellcheck shell=sh
# Sourced by the bench scripts: a throwaway network namespace and a private copy of /etc, and the
# proof afterwards that this machine's own resolv.conf, IPv6 switches and nft ruleset are as they
# were. Sets NS and tmp; the caller runs its sandbox with
#   ip netns exec "$NS" unshare --mount --propagation private sh INNER
# where INNER bind-mounts "$tmp/etc" over /etc and a tmpfs over /run first.

# The host as it is now, to prove afterwards that the run left it alone.
host_state() {
    cksum </etc/resolv.conf 2>/dev/null || :
    cat /proc/sys/net/ipv6/conf/all/disable_ipv6 /proc/sys/net/ipv6/conf/default/disable_ipv6
    nft list ruleset
}

# sandbox_start PREFIX: the namespace's name and the temporary folder, with their cleanup on exit.
sandbox_start() {
    # shellcheck disable=SC2034 # read by the calling script
    host_before=$(host_state)
    NS=$1-$$
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    trap sandbox_cleanup EXIT
    trap 'exit 130' INT TERM
    mkdir "$tmp/state"
    # A private copy of the whole /etc: apply also writes sysctl.d, dhclient.conf, boot units and
    # drop-ins, none of which may reach this machine's own /etc.
    cp -a /etc "$tmp/etc"
    rm -f "$tmp/etc/resolv.conf"
}

sandbox_cleanup() {
    if ip netns list 2>/dev/null | grep -q "^$NS\b"; then
        pids=$(ip netns pids "$NS" 2>/dev/null || true)
        if [ -n "$pids" ]; then
            # shellcheck disable=SC2086
            kill $pids 2>/dev/null || true
            sleep 1
            # shellcheck disable=SC2086
            kill -9 $pids 2>/dev/null || true
        fi
        ip netns del "$NS"
    fi
    rm -rf "$tmp"
}
