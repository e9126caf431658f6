package org.leakguard.platform.macos;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.DeleteFile;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * Closes DNS paths with pf rules in leakguard's own anchor under Apple's,
 * {@value PfRuleset#ANCHOR}. /etc/pf.conf and every other anchor are never edited: when the
 * main ruleset does not evaluate {@code com.apple/*}, that is reported for an admin to fix.
 * pf is enabled with a reference of leakguard's own ({@code pfctl -E}, released by undo), and a
 * LaunchDaemon loads the same ruleset at boot.
 */
final class FirewallControl implements Control<PfSeen> {

    @Override
    public String id() {
        return "firewall";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.firewall() != null;
    }

    @Override
    public PfSeen observe(Spec spec, Host host) throws IOException {
        return PfObserve.read(spec, host);
    }

    @Override
    public Assessment plan(Spec spec, PfSeen seen) {
        if (seen.problem() != null) {
            return Assessment.unknown(seen.problem());
        }
        List<Finding> findings = new ArrayList<>();
        Optional<PfRuleset> want = PfRules.wanted(spec, seen.dotInForce(), seen.userIds(), findings);
        if (want.isEmpty()) {
            if (!spec.firewall().exceptions().isEmpty()) {
                findings.add(Finding.info("firewall.exceptions: the section blocks nothing, so no exception is in force"));
            }
            return Assessment.of(remove(seen, findings), findings);
        }
        PfRuleset rules = want.get();
        String text = rules.text();
        List<Change> changes = new ArrayList<>();
        List<String> diffs = AnchorCheck.differences(rules, seen.labels(), seen.tables());
        if (diffs.isEmpty()) {
            findings.add(Finding.info("anchor " + PfRuleset.ANCHOR + " is loaded and intact (leakguard " + rules.digest() + ")"));
        } else {
            diffs.forEach(d -> findings.add(Finding.warning(d)));
            changes.add(new LoadAnchor(text, "the DNS leak rules (leakguard " + rules.digest() + ")"));
        }
        if (!seen.held()) {
            changes.add(new EnablePf(LaunchDaemon.TOKEN, "pf filters only while enabled; this reference is leakguard's"
                    + " own, so another component disabling pf with -X does not switch the rules off"));
            changes.add(new KeepPfToken(LaunchDaemon.TOKEN, "rollback releases that reference with pfctl -X"));
        }
        if (!diffs.isEmpty()) {
            List<String> kill = killTargets(spec, rules, seen.inUse());
            if (!kill.isEmpty()) {
                changes.add(new KillStates(kill, "flows opened before the rules would keep passing"));
            }
        }
        changes.addAll(boot(seen, text));
        PfDdr.finding(spec).ifPresent(findings::add);
        if (spec.firewall().portal() != null) {
            findings.add(Finding.info("firewall.portal: macOS opens no captive-portal window (agent portal open says the"
                    + " host cannot); the rules above stay in force on a hotel's network too"));
        }
        boolean blocked = anchorPoint(seen, findings);
        Status excepted = PfExceptions.status(spec.firewall(), seen.userIds());
        Status status = !changes.isEmpty() || blocked || excepted == Status.NON_COMPLIANT ? Status.NON_COMPLIANT
                : excepted;
        return new Assessment(status, changes, findings);
    }

    /** The resolvers in use that are neither pinned nor routed, and the DoH table: the destinations the rules now block. */
    static List<String> killTargets(Spec spec, PfRuleset rules, List<InetAddress> inUse) {
        Set<InetAddress> out = new LinkedHashSet<>();
        List<InetAddress> pinned = new ArrayList<>(rules.tables().getOrDefault(PfRuleset.OK, List.of()));
        pinned.addAll(rules.tables().getOrDefault(PfRuleset.ROUTES, List.of()));
        if (spec.firewall().plainDns() != org.leakguard.agent.policy.PortRule.OFF
                || spec.firewall().dnsOverTls() != org.leakguard.agent.policy.PortRule.OFF) {
            inUse.stream().filter(a -> !pinned.contains(a)).forEach(out::add);
        }
        out.addAll(rules.tables().getOrDefault(PfRuleset.DOH, List.of()));
        return Ips.texts(Ips.distinctSorted(List.copyOf(out)));
    }

    private static List<Change> boot(PfSeen seen, String text) {
        List<Change> out = new ArrayList<>();
        if (!Objects.equals(seen.files().get(LaunchDaemon.RULESET), text)) {
            out.add(WriteFile.text(LaunchDaemon.RULESET, text, 0644, "the ruleset the LaunchDaemon loads at boot"));
        }
        String plist = LaunchDaemon.plist();
        if (!Objects.equals(seen.files().get(LaunchDaemon.PLIST), plist)) {
            out.add(WriteFile.text(LaunchDaemon.PLIST, plist, 0644, "launchd enables pf and loads the anchor at boot"));
        }
        return out;
    }

    /** True when the anchor would not be evaluated: reported, since pf.conf is not leakguard's to edit. */
    private static boolean anchorPoint(PfSeen seen, List<Finding> findings) {
        boolean blocked = false;
        if (!seen.mainHasAnchor()) {
            findings.add(Finding.error("the loaded pf main ruleset has no anchor \"com.apple/*\" (another tool replaced"
                    + " it), so the rules in " + PfRuleset.ANCHOR + " are not evaluated: reload Apple's ruleset with"
                    + " pfctl -f /etc/pf.conf, or add that anchor to the tool's ruleset"));
            blocked = true;
        }
        if (seen.pfConf() == null || !PfOutput.hasAppleAnchor(seen.pfConf())) {
            findings.add(Finding.error(PfObserve.PF_CONF + (seen.pfConf() == null ? " is missing" : " has no line"
                    + " anchor \"com.apple/*\"") + ", so after a reboot leakguard's anchor is not evaluated; leakguard"
                    + " does not edit it: restore Apple's pf.conf or add that line"));
            blocked = true;
        }
        return blocked;
    }

    /** The section blocks nothing: take leakguard's rules and boot files away, if any are there. */
    private static List<Change> remove(PfSeen seen, List<Finding> findings) {
        List<Change> out = new ArrayList<>();
        if (!seen.labels().isEmpty()) {
            out.add(new LoadAnchor("", "the firewall section blocks nothing"));
        }
        Set<String> held = new LinkedHashSet<>();
        for (String token : new String[] {seen.ourToken(), seen.bootToken()}) {
            if (token != null && seen.references().contains(token)) {
                held.add(token);
            }
        }
        if (!held.isEmpty()) {
            out.add(new ReleasePf(List.copyOf(held), LaunchDaemon.TOKEN, "no leakguard rule is left for pf to enforce"));
        }
        for (String path : List.of(LaunchDaemon.PLIST, LaunchDaemon.RULESET)) {
            if (seen.files().get(path) != null) {
                out.add(new DeleteFile(path, "the firewall section blocks nothing"));
            }
        }
        if (out.isEmpty()) {
            findings.add(Finding.info("the firewall section blocks nothing, and no leakguard pf rule is loaded"));
        }
        return out;
    }
}
