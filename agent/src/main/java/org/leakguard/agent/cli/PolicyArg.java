package org.leakguard.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyException;
import org.leakguard.agent.policy.PolicyLoader;

/**
 * Loading the policy a verb names; an invalid file stops the run before anything is read or
 * changed. Only a regular file of at most {@link PolicyLoader#MAX_BYTES} is opened: a FIFO or a
 * device would block the run or never end. A policy others could have edited is what root then
 * enforces, so it is named in a warning, or refused with {@code --strict-policy-perms}.
 */
final class PolicyArg {
    private PolicyArg() {}

    static LoadedPolicy load(Path file) throws PolicyException {
        refuseNonRegular(file);
        return new PolicyLoader().load(file);
    }

    /** As {@link #load(Path)}, warning on stderr of (or, when strict, refusing) a file others may change. */
    static LoadedPolicy load(AgentCommand agent, Path file) throws PolicyException {
        refuseNonRegular(file);
        Optional<String> loose = loosePermissions(file);
        if (loose.isPresent()) {
            if (agent.strictPolicyPerms()) {
                throw PolicyException.wholeFile(file.toString(), loose.get() + " (refused: --strict-policy-perms)");
            }
            agent.err().println("warning: " + file + ": " + loose.get());
            agent.err().flush();
        }
        return new PolicyLoader().load(file);
    }

    static void refuseNonRegular(Path file) throws PolicyException {
        String name = file.toString();
        java.nio.file.attribute.BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw PolicyException.wholeFile(name, "cannot read: no such file");
        } catch (IOException e) {
            return; // Met again, and worded, when the file is read.
        }
        if (attrs.isDirectory()) {
            throw PolicyException.wholeFile(name, "is a folder; name the policy file in it");
        }
        if (!attrs.isRegularFile()) {
            throw PolicyException.wholeFile(name, "is not a regular file (a FIFO, socket or device); a policy is read only"
                    + " from a regular file");
        }
        if (attrs.size() > PolicyLoader.MAX_BYTES) {
            throw PolicyException.wholeFile(name, "larger than " + PolicyLoader.MAX_BYTES
                    + " bytes (1 MiB), the most a policy may be; is this the right file?");
        }
    }

    /** Why others could have changed the policy: written by group or others, or owned by another user. */
    static Optional<String> loosePermissions(Path file) {
        try {
            if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
                return Optional.empty();
            }
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
            String self = System.getProperty("user.name");
            String owner = a.owner().getName();
            if (!owner.equals(self) && !owner.equals("root")) {
                return Optional.of("owned by " + owner + ", who can change what this run enforces as " + self
                        + "; `chown root` it, or keep the policy where only root writes");
            }
            if (a.permissions().contains(PosixFilePermission.OTHERS_WRITE) || a.permissions().contains(PosixFilePermission.GROUP_WRITE)) {
                return Optional.of("writable by " + (a.permissions().contains(PosixFilePermission.OTHERS_WRITE) ? "everyone" : "its group")
                        + ", who can change what this run enforces as " + self + "; `chmod go-w` it");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
