package org.leakguard.platform.macos;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.NotApplicableControl;
import org.leakguard.agent.spi.Platform;
import org.leakguard.agent.spi.Profile;

/**
 * macOS: every network service's DNS and IPv6 through networksetup, a pf anchor of leakguard's
 * own, browser DoH policies, and the configuration profile for what only a profile can enforce.
 */
public final class MacPlatform implements Platform {

    @Override
    public String id() {
        return "macos";
    }

    @Override
    public Optional<String> unavailabilityCause(HostInfo host) {
        return host.isMac() ? Optional.empty()
                : Optional.of("the host is not macOS (os.name is \"" + host.osName() + "\")");
    }

    @Override
    public List<Control<?>> controls() {
        return List.of(
                new ResolversControl(),
                new Ipv6Control(),
                new FirewallControl(),
                new BrowsersControl(),
                new PrivateRelayControl(),
                new NotApplicableControl("smartNameResolution", s -> s.smartNameResolution() != null,
                        "Windows only: smart multi-homed name resolution is a Windows DNS client feature"),
                new NotApplicableControl("containers", s -> s.containers() != null,
                        "Docker Desktop on macOS runs its containers in a Linux VM, whose DNS this agent does not manage"));
    }

    /** From scutil --dns: every non-mDNS resolver's nameservers, loopback stubs left out. */
    @Override
    public List<InetAddress> resolversInUse(Host host) {
        try {
            return ScutilDns.inUse(ServiceReads.scutil(host));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the resolvers in use from scutil --dns", e);
        }
    }

    /** IOPlatformUUID from ioreg; without it the host joins a rollout only at 100%. */
    @Override
    public Optional<String> machineId(Host host) {
        try {
            var r = host.commands().run(new Command(PlatformUuid.ARGV, null, null));
            return r.ok() ? PlatformUuid.parse(r.stdout()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Diagnosis> diagnose(Host host) {
        return MacDiagnosis.run(host);
    }

    @Override
    public List<Class<?>> journalTypes() {
        return List.of(SetServiceList.class, ServiceListImage.class, SetIpv6Off.class, Ipv6Setting.class, LoadAnchor.class,
                AnchorImage.class, EnablePf.class, KeepPfToken.class, ReleasePf.class, PfToken.class, KillStates.class,
                WriteFirefoxDefaults.class, FirefoxDefaultsImage.class);
    }

    /** The configuration profile; pure, so it can be exported on any OS. */
    @Override
    public Optional<Profile> profile(Spec spec) {
        return MobileConfig.of(spec).map(m -> new Profile(MobileConfig.FILE_NAME, m.text(), List.of(
                "profile identifier " + m.identifier() + ": agent check looks for it in 'profiles list'",
                ProfileCheck.INSTALL,
                "the profile is unsigned, so macOS shows it as unverified; to sign it: security cms -S -N \"SIGNING"
                        + " IDENTITY\" -i " + MobileConfig.FILE_NAME + " -o leakguard-dns-signed.mobileconfig")));
    }
}
