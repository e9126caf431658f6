package org.leakguard.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.spi.Platform;
import org.leakguard.agent.spi.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code agent profile export}: the settings file an admin or an MDM installs for a policy (on
 * macOS, a configuration profile). The platform is chosen by id, not by the host, so a Linux
 * build host can export a Mac's profile; nothing on the host is read or changed.
 */
final class ProfileCommand {
    private final AgentCommand agent;

    ProfileCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        CommandSpec profile = Args.command(this, "profile",
                "Settings files for an admin or an MDM to install (a macOS configuration profile).");
        return profile.addSubcommand("export", new CommandLine(new Export(agent).spec()));
    }

    static final class Export implements Callable<Integer> {
        private final AgentCommand agent;
        private final PositionalParamSpec file = Args.policy();
        private final OptionSpec out = Args.option("--out", Path.class, "PATH",
                "Where to write the profile (replaced if it exists).").required(true).build();
        private final OptionSpec platform = Args.option("--platform", String.class, "ID",
                "The platform whose profile to export (default: ${DEFAULT-VALUE}).").defaultValue("macos").build();

        Export(AgentCommand agent) {
            this.agent = agent;
        }

        CommandSpec spec() {
            return Args.command(this, "export", "Write the policy's profile to PATH; reads and changes nothing on this host.")
                    .addPositional(file).addOption(out).addOption(platform);
        }

        @Override
        public Integer call() throws Exception {
            LoadedPolicy policy = PolicyArg.load(file.getValue());
            String id = platform.getValue();
            Platform chosen = byId(agent.context.platforms(), id);
            Optional<Profile> profile = chosen.profile(policy.policy().spec());
            if (profile.isEmpty()) {
                throw new IllegalArgumentException(file.getValue() + ": the policy asks for nothing that platform " + id
                        + " puts in a profile, so no file was written");
            }
            Path target = out.getValue();
            write(target, profile.get().bytes());
            List<String> messages = new ArrayList<>();
            messages.add("wrote " + target + " (" + profile.get().bytes().length + " bytes, sha256 "
                    + sha256(profile.get().bytes()) + ") for platform " + id);
            messages.addAll(profile.get().notes());
            Report report = new Report(Result.VALID, 0, "profile export",
                    new Report.PolicyRef(policy.policy().name(), policy.sha256()),
                    new Report.HostRef(agent.context.host().name(), agent.context.host().osName()), null, 0, List.of(),
                    List.of(), messages);
            return Output.emit(agent, report);
        }

        private static Platform byId(List<Platform> platforms, String id) {
            List<String> ids = new ArrayList<>();
            for (Platform p : platforms) {
                if (p.id().equals(id)) {
                    return p;
                }
                ids.add(p.id());
            }
            throw new IllegalArgumentException("--platform: no installed platform is named " + id + " (installed: "
                    + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ")");
        }

        /** Beside the target, then renamed over it: a reader never sees half a profile. */
        private static void write(Path target, byte[] bytes) throws IOException {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".leakguard-profile", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }
}
