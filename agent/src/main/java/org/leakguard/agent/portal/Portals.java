package org.leakguard.agent.portal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.engine.ChangeJournal;
import org.leakguard.agent.engine.JournalEntry;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.engine.UnsupportedHostException;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.PortalWindow;

/**
 * Opens and closes the captive-portal window through a journal of its own. An opening is a
 * journaled change with its before-image, and carries the instant the OS closes it; a closing,
 * whether asked for or found after the time ran out, is journaled as a change too, so the journal
 * tells when DNS to the network's resolver was allowed and when that ended.
 */
public final class Portals {
    private final PortalWindow window;
    private final Host host;
    private final ChangeJournal journal;
    private final Clock clock;

    public Portals(PortalWindow window, Host host, StateDir state, Clock clock) {
        this.window = window;
        this.host = host;
        this.journal = new ChangeJournal(host, state, clock);
        this.clock = clock;
    }

    /**
     * What an opening did: the transaction, the addresses with their sources, when the OS closes
     * them, and how the host's resolver was pointed at them (none where it could not be).
     */
    public record Opened(String transaction, List<PortalWindow.Resolver> resolvers, String until, List<String> pointed,
            List<String> said) {
        public Opened {
            resolvers = List.copyOf(resolvers);
            pointed = List.copyOf(pointed);
            said = List.copyOf(said);
        }
    }

    /** The window now: open (with its addresses and end) or closed, and what the journal says of it. */
    public record Status(boolean open, List<PortalWindow.Opening> addresses, String openedBy, String until, String closedBy,
            String closedWhy, List<String> said) {
        public Status {
            addresses = List.copyOf(addresses);
            said = List.copyOf(said);
        }
    }

    /**
     * Refuses, changing nothing, a window the policy does not allow: no {@code firewall.portal},
     * plain DNS not blocked (nothing to open), or longer than {@code maxWindow}.
     */
    public static void checkAllowed(Spec spec, Duration length) {
        Firewall fw = spec.firewall();
        if (fw == null || fw.portal() == null) {
            throw new IllegalArgumentException("spec.firewall.portal is not set: this policy allows no captive-portal window;"
                    + " add `portal: {maxWindow: 10m}` under spec.firewall to allow one; nothing was changed");
        }
        if (fw.plainDns() != PortRule.BLOCK_OTHERS) {
            throw new IllegalArgumentException("spec.firewall.plainDns is not block-others: plain DNS is not blocked, so there"
                    + " is no window to open; nothing was changed");
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("--for: a window lasts a positive time; nothing was changed");
        }
        if (length.compareTo(fw.portal().maxWindow()) > 0) {
            throw new IllegalArgumentException("--for " + text(length) + " is longer than spec.firewall.portal.maxWindow ("
                    + text(fw.portal().maxWindow()) + "); ask for less, or raise maxWindow (at most 1h); nothing was changed");
        }
    }

    /** Opens the window for {@code length} to the resolvers the network handed out, replacing any open one. */
    public Opened open(LoadedPolicy policy, Duration length) throws IOException, UnsupportedHostException {
        Spec spec = policy.policy().spec();
        checkAllowed(spec, length);
        Optional<String> cannot = window.unavailable(spec, host);
        if (cannot.isPresent()) {
            throw new UnsupportedHostException("cannot open the captive-portal window: " + cannot.get() + "; nothing was changed");
        }
        List<String> said = new ArrayList<>(recover());
        PortalWindow.Found network = window.networkResolvers(host);
        said.addAll(network.leftOut());
        List<PortalWindow.Resolver> found = network.resolvers().stream()
                .filter(r -> !r.address().isLoopbackAddress() && !r.address().isAnyLocalAddress()).toList();
        if (found.isEmpty()) {
            throw new UnsupportedHostException("cannot open the captive-portal window: the network handed out no resolver"
                    + " that a lease or link state file names (connect to it first)"
                    + network.leftOut().stream().map(l -> "; " + l).collect(Collectors.joining())
                    + "; nothing was changed");
        }
        List<InetAddress> addresses = found.stream().map(PortalWindow.Resolver::address).distinct().toList();
        WindowRecord rec = WindowRecord.of(journal.all());
        if (rec.unclosed()) {
            // Closed first, so the new opening's before-image is the configuration without a window.
            said.add(apply(policy.policy().name(), policy.sha256(), "closed by a new opening", rec));
        }
        Instant until = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(length);
        List<Change> changes = new ArrayList<>(List.of(window.open(addresses, length, until)));
        List<PlatformChange> pointing = window.pointAt(host, addresses);
        changes.addAll(pointing);
        ChangeJournal.Result r = journal.apply(policy, changes);
        if (r.error() != null) {
            throw new IOException("opening the window failed: " + r.error() + "; "
                    + (r.left().isEmpty() ? "it was undone" : "could not undo: " + String.join("; ", r.left())));
        }
        return new Opened(r.txid(), found, until.toString(), pointing.stream().map(Change::summary).toList(), said);
    }

    /** Closes the window now, recording why; says so when nothing was open. */
    public List<String> close(LoadedPolicy policy) throws IOException {
        List<String> said = new ArrayList<>(recover());
        WindowRecord rec = WindowRecord.of(journal.all());
        if (window.openNow(host).isEmpty() && !rec.unclosed()) {
            said.add("no captive-portal window is open");
            return said;
        }
        String why = "closed early by `agent portal close`" + (rec.unclosed() ? ", before its end " + rec.opening().until() : "");
        said.add(apply(policy.policy().name(), policy.sha256(), why, rec));
        return said;
    }

    /**
     * Undoes an opening a stopped run left half done, and records the close of a window whose time
     * ran out (the OS closed it at its end, and the journal says so with the first run after) or
     * that the OS no longer holds before its end.
     */
    public List<String> recover() throws IOException {
        List<String> said = new ArrayList<>(journal.recover());
        WindowRecord rec = WindowRecord.of(journal.all());
        Instant now = clock.instant();
        if (!rec.unclosed()) {
            return said;
        }
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        String why = null;
        if (!now.isBefore(rec.until())) {
            why = "closed by the kernel at " + rec.opening().until() + ", when its timeout ran out; recorded at " + at;
        } else if (window.openNow(host).isEmpty()) {
            why = "found closed at " + at + ", before its end " + rec.opening().until() + ": the kernel no longer holds it"
                    + " (a reload of the firewall table empties the window)";
        }
        if (why != null) {
            said.add(apply(rec.opened().begin().policy(), rec.opened().begin().sha256(), why, rec));
        }
        return said;
    }

    /** The window as the OS holds it and as the journal tells it; reads only. */
    public Status status() throws IOException {
        List<PortalWindow.Opening> now = window.openNow(host);
        WindowRecord rec = WindowRecord.of(journal.all());
        List<String> said = new ArrayList<>();
        if (rec.unclosed() && !clock.instant().isBefore(rec.until())) {
            said.add("the window's time ran out at " + rec.opening().until() + "; its close is recorded by the next `agent portal` run");
        }
        return new Status(!now.isEmpty(), now, rec.opened() == null ? null : rec.opened().id(),
                rec.opening() == null ? null : rec.opening().until(), rec.closedBy() == null ? null : rec.closedBy().id(),
                rec.closing() == null ? null : rec.closing().summary(), said);
    }

    /**
     * One line on the newest window as its journal tells it, for {@code agent status}; empty when
     * none was ever opened. Reads the journal only, never the kernel.
     */
    public static Optional<String> journaled(StateDir state, Instant now) throws IOException {
        WindowRecord rec = WindowRecord.of(state.list());
        if (rec.opened() == null) {
            return Optional.empty();
        }
        String opened = "captive-portal window opened by " + rec.opened().id() + " to " + rec.opening().addresses() + " until "
                + rec.opening().until();
        if (!rec.unclosed()) {
            return Optional.of(opened + "; " + rec.closing().summary().replaceFirst("^captive-portal window ", "") + " ("
                    + rec.closedBy().id() + ")");
        }
        return Optional.of(opened + (now.isBefore(rec.until()) ? "; open"
                : "; the kernel closed it then, and the next locked run records the close"));
    }

    /**
     * The firewall first, so nothing reaches the network's resolver once the close begins; then the
     * resolver configuration the unclosed opening pointed, put back from its before-images.
     */
    private String apply(String policyName, String sha256, String why, WindowRecord rec) throws IOException {
        List<Change> changes = new ArrayList<>(List.of(window.close(why)));
        if (rec.unclosed()) {
            for (JournalEntry.Intent i : rec.opened().intents()) {
                if (i.change() instanceof PortalWindow.Pointing p) {
                    changes.add(p.back(i.before(), why));
                }
            }
        }
        ChangeJournal.Result r = journal.apply(policyName, sha256, changes);
        if (r.error() != null) {
            throw new IOException("closing the window failed: " + r.error() + "; "
                    + (r.left().isEmpty() ? "it was undone" : "could not undo: " + String.join("; ", r.left())));
        }
        return "captive-portal window " + why + " (transaction " + r.txid() + ")";
    }

    static String text(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
