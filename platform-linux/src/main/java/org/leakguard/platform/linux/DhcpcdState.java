package org.leakguard.platform.linux;

/**
 * @param installed whether dhcpcd is installed ({@link DhcpcdHook#CONF} exists)
 * @param enterHook {@link DhcpcdHook#PATH}, or null when absent
 */
record DhcpcdState(boolean installed, String enterHook) {}
