package org.leakguard.platform.macos;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Exemption;
import org.leakguard.agent.policy.Spec;

/** Reads pf (anchor rules and tables, enable references, the main ruleset) and leakguard's boot files. */
final class PfObserve {
    static final String PF_CONF = "/etc/pf.conf";
    /** What pfctl prints for {@code -a ANCHOR -s rules} when pf has no such anchor (exit 1). */
    static final String NO_ANCHOR = "DIOCGETRULES: Invalid argument";

    private PfObserve() {}

    static PfSeen read(Spec spec, Host host) throws IOException {
        if (host.offline()) {
            return PfSeen.unreadable("offline image: pf rules exist only on a running Mac; run apply on the Mac itself");
        }
        List<String> labels;
        Map<String, List<String>> tables;
        List<String> references;
        boolean mainHasAnchor;
        try {
            labels = PfOutput.labels(anchorRules(host));
            tables = tables(host);
            references = references(host);
            mainHasAnchor = PfOutput.hasAppleAnchor(Tools.stdout(host, Pfctl.MAIN_RULES));
        } catch (IOException e) {
            return PfSeen.unreadable("pf could not be read (" + e.getMessage() + "); leakguard needs root for pfctl");
        }
        Files files = host.files();
        Map<String, String> boot = new HashMap<>();
        for (String path : List.of(LaunchDaemon.RULESET, LaunchDaemon.PLIST)) {
            boot.put(path, files.readString(path).orElse(null));
        }
        String ours = files.readString(LaunchDaemon.TOKEN).map(String::strip).orElse(null);
        String atBoot = files.readString(LaunchDaemon.LOG).flatMap(PfOutput::token).orElse(null);
        return new PfSeen(null, labels, tables, references, ours, atBoot, mainHasAnchor,
                files.readString(PF_CONF).orElse(null), boot, inUse(host), dotProfile(spec, host), userIds(spec, host));
    }

    /**
     * What {@code pfctl -a ANCHOR -s rules} printed; empty when pf has no such anchor, which pfctl
     * answers with exit 1 and {@value #NO_ANCHOR} on stderr (pf drops an anchor with its last rule).
     */
    static String anchorRules(Host host) throws IOException {
        CommandResult r = host.commands().run(new Command(Pfctl.ANCHOR_RULES, null, null));
        if (r.ok()) {
            return r.stdout();
        }
        if (r.stderr().contains(NO_ANCHOR)) {
            return "";
        }
        throw new IOException(String.join(" ", Pfctl.ANCHOR_RULES) + " exited " + r.exitCode() + ": "
                + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip());
    }

    /** leakguard's tables in its anchor; a table pfctl says does not exist is left out. */
    static Map<String, List<String>> tables(Host host) throws IOException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : PfRuleset.TABLES) {
            CommandResult r = host.commands().run(new Command(Pfctl.showTable(table), null, null));
            if (r.ok()) {
                tables.put(table, PfOutput.tableAddresses(r.stdout()));
            }
        }
        return tables;
    }

    static List<String> references(Host host) throws IOException {
        return PfOutput.references(Tools.stdout(host, Pfctl.REFERENCES));
    }

    /** With {@code encryption: dot}, whether its profile is installed; null when unknown or not asked. */
    private static Boolean dotProfile(Spec spec, Host host) {
        if (spec.resolvers() == null || spec.resolvers().encryption() != Encryption.DOT) {
            return null;
        }
        try {
            Set<String> installed = ServiceReads.profiles(host);
            return ProfileCheck.missing(spec, installed, null, "").isEmpty();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * What {@code id -u NAME} says of each exception user name: its uid, no such user (exit 1 as BSD
     * id answers), or nothing known when id could not run or answered otherwise.
     */
    private static Map<String, UidLookup> userIds(Spec spec, Host host) {
        Map<String, UidLookup> out = new HashMap<>();
        for (Exemption e : spec.firewall().exceptions(Exemption.Kind.USER)) {
            String user = e.value();
            if (!PfUser.valid(user) || PfUser.numeric(user)) {
                continue;
            }
            try {
                out.put(user, PfUser.parse(user, host.commands().run(new Command(PfUser.lookup(user), null, null))));
            } catch (IOException unrun) {
                out.put(user, new UidLookup.Unanswered(String.join(" ", PfUser.lookup(user)) + " could not run: "
                        + unrun.getMessage()));
            }
        }
        return out;
    }

    /** Best effort: without scutil the load still happens, only old states are not killed. */
    private static List<InetAddress> inUse(Host host) {
        try {
            return ScutilDns.inUse(ScutilDns.parse(Tools.stdout(host, ScutilDns.COMMAND)));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
