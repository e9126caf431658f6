package org.leakguard.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Browsers;
import org.leakguard.agent.policy.Containers;
import org.leakguard.agent.policy.DockerDns;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;

/** Files planted under a temporary root, and the policies the browser and container tests use. */
final class BrowserTrees {
    static final String TEMPLATE = "https://dns.corp.example/dns-query{?dns}";

    private BrowserTrees() {}

    /** Writes {@code text} at the host path under {@code root}, creating its folders. */
    static Path plant(Path root, String hostPath, String text) throws IOException {
        Path p = root.resolve(hostPath.substring(1));
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    static Path folder(Path root, String hostPath) throws IOException {
        return Files.createDirectories(root.resolve(hostPath.substring(1)));
    }

    static String read(Path root, String hostPath) throws IOException {
        return Files.readString(root.resolve(hostPath.substring(1)));
    }

    static Spec browsers(BrowserDoh doh) {
        Resolvers r = new Resolvers(Specs.ips("203.0.113.53"), List.of(), null, true, null, null, TEMPLATE);
        return new Spec(r, null, null, null, new Browsers(doh), null);
    }

    static Spec docker(Firewall fw, String... servers) {
        Resolvers r = servers.length == 0 ? null : new Resolvers(Specs.ips(servers), List.of(), null, true, null, null, null);
        return new Spec(r, null, null, fw, null, null, new Containers(DockerDns.PIN), null);
    }

    static <O> Assessment assess(Control<O> control, Spec spec, Host host) throws Exception {
        return control.plan(spec, control.observe(spec, host));
    }

    /** Applies every change, returning the before-images in order. */
    static List<BeforeImage> applyAll(Assessment a, Host host) throws IOException {
        List<BeforeImage> before = new java.util.ArrayList<>();
        for (Change c : a.changes()) {
            before.add(c.capture(host));
            c.apply(host);
        }
        return before;
    }

    static void undoAll(Assessment a, List<BeforeImage> before, Host host) throws IOException {
        for (int i = a.changes().size() - 1; i >= 0; i--) {
            a.changes().get(i).undo(host, before.get(i));
        }
    }
}
