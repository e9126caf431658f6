package org.leakguard.platform.windows;

/**
 * One server on the Windows DoH list: lookups to {@code server} go over HTTPS to {@code template}.
 *
 * @param autoUpgrade every lookup to the server is encrypted
 * @param udpFallback plain DNS is allowed when DoH fails
 */
record DohEntry(String server, String template, boolean autoUpgrade, boolean udpFallback) {}
