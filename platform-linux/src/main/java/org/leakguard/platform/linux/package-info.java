/**
 * Linux controls: the resolvers (resolv.conf, or systemd-resolved's drop-in, and what would
 * rewrite them: dhclient, NetworkManager, openresolv, Debian resolvconf), IPv6 sysctls, one
 * nftables table of leakguard's own (or iptables chains) loaded again at boot, browser DoH
 * policies, Docker's daemon DNS; and {@code agent diagnose}.
 *
 * <p>Parsing is kept apart from I/O: package-private static {@code parse...} functions
 * ({@link org.leakguard.platform.linux.ResolvConf}, {@link org.leakguard.platform.linux.NftJson})
 * take captured text and are tested with real captures.
 *
 * <p>The nft table is judged from {@code nft -j} output, never from the pretty-printed text. nft
 * 1.0.6 leaves table and chain comments out of its JSON, so the digest of the rendered table is
 * carried by every set's comment as well as the table's; rules carry {@code comment "lg:<id>"}.
 */
package org.leakguard.platform.linux;
