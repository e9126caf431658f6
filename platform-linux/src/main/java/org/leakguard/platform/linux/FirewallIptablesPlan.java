package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.ProgramState;
import org.leakguard.agent.change.RunCommand;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.spi.Finding;

/**
 * The runtime part without nft: leakguard's chains in iptables and ip6tables, each family moved
 * in one {@code iptables-restore --noflush} commit. A change's undo cannot be fed a script on
 * standard input, so the script that puts the chains back as they were read is written first to
 * a file of leakguard's own, and undo restores from it. Pure.
 */
final class FirewallIptablesPlan {
    static final String UNDO_HEADER = "# Managed by leakguard: puts its chains back as they were before the last apply.\n";

    private FirewallIptablesPlan() {}

    static List<Change> runtime(Optional<FirewallWanted> want, Map<IptablesFamily, IptablesChains> seen,
            List<Finding> findings) {
        List<Change> out = new ArrayList<>();
        for (IptablesFamily f : IptablesFamily.values()) {
            IptablesChains now = seen.get(f);
            now.notFirst().forEach(hook -> findings.add(Finding.warning(f.program() + " " + hook + ": rules of the"
                    + " host come before leakguard's jump, and an ACCEPT among them lets DNS past it")));
            if (want.isPresent()) {
                out.addAll(load(f, IptablesScript.chains(want.get(), f), now, findings));
            } else if (now.present()) {
                out.addAll(remove(f, now));
            }
        }
        return out;
    }

    private static List<Change> load(IptablesFamily f, IptablesChains target, IptablesChains now, List<Finding> findings) {
        List<String> diffs = IptablesCheck.differences(target, now, f);
        if (diffs.isEmpty()) {
            findings.add(Finding.info(f.program() + " chains " + target.rules().keySet() + " are loaded and intact"));
            return List.of();
        }
        if (now.present()) {
            diffs.forEach(d -> findings.add(Finding.warning(d)));
        } else {
            findings.add(Finding.info(f.program() + " chains " + target.rules().keySet() + " are not loaded"));
        }
        return List.of(
                WriteFile.text(f.undoFile(), UNDO_HEADER + IptablesScript.transition(target, now), 0600,
                        "how undo puts " + f.program() + " back as it is now"),
                // Undo runs that file only while leakguard's jump is there: a failed commit changed nothing.
                new ProgramState(f.program() + " filter " + String.join(" ", target.rules().keySet()), f.jumpCheck(),
                        f.restore(), IptablesScript.transition(now, target), f.restoreFile(f.undoFile()),
                        "load the DNS leak chains atomically (nft is not installed)"));
    }

    private static List<Change> remove(IptablesFamily f, IptablesChains now) {
        return List.of(
                WriteFile.text(f.undoFile(), UNDO_HEADER + IptablesScript.transition(IptablesChains.NONE, now), 0600,
                        "how undo puts " + f.program() + " back as it is now"),
                WriteFile.text(f.removeFile(), IptablesScript.transition(now, IptablesChains.NONE), 0600,
                        "removes leakguard's jumps and chains in one commit"),
                new RunCommand(f.restoreFile(f.removeFile()), f.restoreFile(f.undoFile()),
                        "the firewall section blocks nothing: remove leakguard's " + f.program() + " chains"));
    }
}
