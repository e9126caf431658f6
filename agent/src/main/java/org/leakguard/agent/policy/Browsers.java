package org.leakguard.agent.policy;

/** Browser-level DNS-over-HTTPS, which bypasses the OS resolver entirely. */
public record Browsers(BrowserDoh doh) {
    public Browsers {
        doh = doh == null ? BrowserDoh.UNMANAGED : doh;
    }
}
