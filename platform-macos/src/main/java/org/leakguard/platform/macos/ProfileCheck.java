package org.leakguard.platform.macos;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Finding;

/** Whether the policy's configuration profile is installed, and what to tell the admin when not. */
final class ProfileCheck {
    static final String INSTALL = "macOS 11 and later let no program install a configuration profile: export it with"
            + " 'agent profile export POLICY --out " + MobileConfig.FILE_NAME + "', then an admin opens it and approves"
            + " it in System Settings › Privacy & Security › Profiles, or an MDM pushes it";

    private ProfileCheck() {}

    /**
     * An error finding when the profile is missing (or an older leakguard profile is there instead);
     * a warning when {@code profiles list} could not be read. Empty when it is installed.
     */
    static Optional<Finding> missing(Spec spec, Set<String> installed, String problem, String what) {
        MobileConfig profile = MobileConfig.of(spec).orElseThrow();
        if (installed == null) {
            return Optional.of(Finding.warning(what + ": could not tell whether profile " + profile.identifier()
                    + " is installed (" + problem + ")"));
        }
        if (installed.contains(profile.identifier())) {
            return Optional.empty();
        }
        List<String> older = installed.stream().filter(i -> i.startsWith(MobileConfig.PREFIX)).sorted().toList();
        return Optional.of(Finding.error(what + " needs configuration profile " + profile.identifier() + ", which is not"
                + " installed" + (older.isEmpty() ? "" : " (installed instead: " + String.join(", ", older)
                + ", from another policy version: remove it)") + ". " + INSTALL));
    }

    static Finding installed(Spec spec, String what) {
        return Finding.info(what + ": in force through configuration profile " + MobileConfig.of(spec).orElseThrow().identifier());
    }
}
