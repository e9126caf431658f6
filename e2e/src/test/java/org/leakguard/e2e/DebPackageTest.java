package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The .deb installed, used, removed and purged for real by dpkg inside a sandbox whose /etc is a
 * copy and whose /usr and /var are overlays: this machine's dpkg database, /usr/bin and /etc never
 * see the package.
 */
class DebPackageTest {
    static final String UNIT_DIR = "/lib/systemd/system/";
    static final String STATE = "/var/lib/leakguard";

    Sandbox sandbox;

    @BeforeAll
    static void requireSandbox() {
        Dist.requireSandbox("dpkg", "dpkg-deb", "lintian", "groff");
    }

    @AfterEach
    void tearDown() {
        if (sandbox == null) {
            return;
        }
        sandbox.close();
        assertThat(Path.of("/usr/lib/leakguard")).doesNotExist();
        assertThat(Files.exists(Path.of("/usr/bin/agent"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Proc.run(List.of("dpkg-query", "-W", "leakguard")).exit()).as("leakguard in this machine's dpkg database").isNotZero();
    }

    @Test
    void installRunRemoveAndPurgeLeaveNothingBehind() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        // A machine where leakguard ran before: its state folder is already there, with a report.
        Path earlier = Files.createDirectories(sandbox.dir.resolve("var-of-an-earlier-run/lib/leakguard"));
        Files.writeString(earlier.resolve("check-report.json"), "{\"result\": \"compliant\"}\n");
        sandbox.overlay("/usr", null);
        sandbox.overlay("/var", earlier.getParent().getParent());
        Set<String> etcBefore = tree(sandbox.etc);
        Set<String> varBefore = visible(sandbox, "/var");
        assertThat(varBefore).contains("/var/lib/leakguard", "/var/lib/leakguard/check-report.json");
        varBefore.removeIf(p -> p.startsWith(STATE));
        java.util.Map<String, String> etcBytes = contents(sandbox.etc);

        Run install = sandbox.onClient("dpkg", "-i", Dist.deb().toString());
        assertThat(install.exit()).as(install.toString()).isZero();

        Run version = sandbox.onClient("agent", "--version");
        assertThat(version.exit()).as(version.toString()).isZero();
        // The version and commit the build stamped in: the package's version, and a commit a fleet inventory can key on.
        java.util.regex.Matcher stamp = java.util.regex.Pattern.compile("leakguard agent (\\S+) \\(commit ([0-9a-f]{7,}(-dirty)?)\\)")
                .matcher(version.stdout().strip());
        assertThat(stamp.matches()).as(version.stdout()).isTrue();
        Run packaged = sandbox.onClient("dpkg-query", "-W", "-f", "${Version}", "leakguard");
        assertThat(stamp.group(1).replace('-', '~')).isEqualTo(packaged.stdout().strip());
        Run cds = sandbox.onClient("/usr/lib/leakguard/bin/regenerate-cds", "--check");
        assertThat(cds.exit()).as("postinst built a CDS archive the JVM accepts: " + cds).isZero();
        assertThat(sandbox.etc.resolve("systemd/system/timers.target.wants/leakguard-policy.timer")).doesNotExist();
        assertThat(sandbox.etc.resolve("systemd/system/multi-user.target.wants/leakguard-watch.service")).doesNotExist();
        assertThat(execStart(sandbox.onClient("cat", UNIT_DIR + "leakguard-watch.service").stdout()))
                .containsSubsequence("/usr/bin/agent", "watch", "/etc/leakguard/policy.yaml");
        assertThat(sandbox.onClient("ls", "/usr/share/leakguard/policies/workstation.yaml").exit()).isZero();

        // The shipped unit's own command line, against a policy the admin placed: a leaky client is non-compliant.
        Files.writeString(sandbox.etc.resolve("leakguard/policy.yaml"), LinuxSandboxTest.POLICY);
        List<String> execStart = execStart(sandbox.onClient("cat", UNIT_DIR + "leakguard-policy.service").stdout());
        Run check = sandbox.onClient(execStart.toArray(String[]::new));
        assertThat(check.exit()).as(check.toString()).isEqualTo(3);
        Run report = sandbox.onClient("cat", STATE + "/check-report.json");
        assertThat(new ObjectMapper().readTree(report.stdout()).path("result").asText()).isEqualTo("non-compliant");
        assertThat(new ObjectMapper().readTree(report.stdout()).path("agent").path("commit").asText()).isEqualTo(stamp.group(2));
        assertThat(new ObjectMapper().readTree(report.stdout()).path("agent").path("version").asText()).isEqualTo(stamp.group(1));
        // As `systemctl enable` would, so purge has to clean up a link dpkg does not own.
        Path wants = Files.createDirectories(sandbox.etc.resolve("systemd/system/timers.target.wants"));
        Files.createSymbolicLink(wants.resolve("leakguard-policy.timer"), Path.of(UNIT_DIR + "leakguard-policy.timer"));
        Path multiUser = Files.createDirectories(sandbox.etc.resolve("systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(multiUser.resolve("leakguard-watch.service"), Path.of(UNIT_DIR + "leakguard-watch.service"));

        List<String> ownedFiles = ownedFiles(sandbox);
        assertThat(ownedFiles).contains("/usr/lib/leakguard/bin/agent", UNIT_DIR + "leakguard-watch.service");
        // Applied, drifted, repaired: purge has to take all of it back.
        String ipv6Before = sandbox.sysctl("net.ipv6.conf.all.disable_ipv6");
        Run apply = sandbox.onClient("agent", "apply", "/etc/leakguard/policy.yaml");
        assertThat(apply.exit()).as(apply.toString()).isZero();
        Files.writeString(sandbox.etc.resolve("resolv.conf"), "nameserver " + Sandbox.ISP + "\n");
        Run repair = sandbox.onClient("agent", "apply", "/etc/leakguard/policy.yaml");
        assertThat(repair.exit()).as(repair.toString()).isZero();
        assertThat(contents(sandbox.etc)).isNotEqualTo(etcBytes);

        Run remove = sandbox.onClient("dpkg", "--remove", "leakguard");
        assertThat(remove.exit()).as(remove.toString()).isZero();
        assertThat(sandbox.onClient("ls", "/usr/lib/leakguard").exit()).isNotZero();
        assertThat(sandbox.onClient("ls", STATE + "/check-report.json").exit()).as("remove keeps the journals").isZero();
        assertThat(sandbox.etc.resolve("leakguard/policy.yaml")).exists();

        Run purge = sandbox.onClient("dpkg", "--purge", "leakguard");
        assertThat(purge.exit()).as(purge.toString()).isZero();
        assertThat(sandbox.onClient("ls", STATE).exit()).isNotZero();
        assertThat(tree(sandbox.etc)).isEqualTo(etcBefore);
        // Judged in the merged tree the client sees, not in the upper layers: there a whiteout
        // records that the purge deleted a folder of a lower layer; it is not a file left behind.
        List<String> lsOwned = new ArrayList<>(List.of("ls", "-d", "--"));
        lsOwned.addAll(ownedFiles);
        assertThat(sandbox.onClient(lsOwned.toArray(String[]::new)).stdout()).as("the package's files, still visible").isEmpty();
        Run named = sandbox.onClient("find", "/usr", "/var", "-xdev", "-name", "*leakguard*");
        assertThat(named.stdout()).as("paths named leakguard in /usr and /var").isEmpty();
        Set<String> varAfter = visible(sandbox, "/var");
        varAfter.removeIf(DebPackageTest::dpkgOwnRecord);
        varBefore.removeIf(DebPackageTest::dpkgOwnRecord);
        assertThat(varAfter).as("/var after purge, less dpkg's own records").isEqualTo(varBefore);
        assertThat(contents(sandbox.etc)).as("purge ran rollback --all: " + purge).isEqualTo(etcBytes);
        assertThat(sandbox.nftTable().exit()).as("the firewall table is gone").isNotZero();
        assertThat(sandbox.sysctl("net.ipv6.conf.all.disable_ipv6")).isEqualTo(ipv6Before);
        Run rules = sandbox.onClient("ip", "-N", "rule", "show");
        assertThat(rules.stdout()).as("leakguard's policy-routing rules after purge").contains("lookup").doesNotContain("proto 176");
        assertThat(sandbox.onClient("dpkg-query", "-W", "leakguard").exit()).isNotZero();
    }

    @Test
    void theManualPageNamesEveryVerbAndOptionOfTheHelp() throws Exception {
        Path page = Files.createTempDirectory("lg-man-");
        try {
            Proc.ok(List.of("dpkg-deb", "-x", Dist.deb().toString(), page.toString()));
            Path man = page.resolve("agent.1");
            try (var in = new GZIPInputStream(Files.newInputStream(page.resolve("usr/share/man/man1/agent.1.gz")))) {
                Files.write(man, in.readAllBytes());
            }
            Run render = Proc.run(List.of("groff", "-man", "-ww", "-z", man.toString()));
            assertThat(render.exit()).as(render.toString()).isZero();
            assertThat(render.stderr()).as("groff warnings").isEmpty();
            String roff = Files.readString(man).replace("\\-", "-");
            String help = Proc.ok(List.of(Dist.launcher().toString(), "--help")).stdout();
            List<String> verbs = verbs(help);
            assertThat(verbs).contains("apply", "check", "canary");
            for (String verb : verbs) {
                assertThat(roff).as("verb " + verb).containsPattern("(?m)^\\.BI? " + Pattern.quote(verb) + "\\b");
            }
            Matcher option = Pattern.compile("--[a-z][a-z-]+").matcher(help);
            while (option.find()) {
                assertThat(roff).as("option " + option.group()).contains(option.group());
            }
        } finally {
            Proc.run(List.of("rm", "-rf", page.toString()));
        }
    }

    @Test
    void lintianFindsNoErrorOrWarning() {
        Run lintian = Proc.run(List.of("lintian", "--fail-on", "error,warning", Dist.deb().toString()));
        assertThat(lintian.exit()).as(lintian.toString()).isZero();
    }

    /** The verbs the help lists under "Commands:". */
    static List<String> verbs(String help) {
        List<String> verbs = new ArrayList<>();
        boolean inCommands = false;
        for (String line : help.split("\n")) {
            if (line.startsWith("Commands:")) {
                inCommands = true;
            } else if (inCommands && line.isBlank()) {
                break;
            } else if (inCommands && line.matches("  [a-z][a-z-]* .*")) {
                verbs.add(line.strip().split("\\s+")[0]);
            }
        }
        return verbs;
    }

    /** The unit's ExecStart as an argv: the unit is written without quotes or specifiers. */
    static List<String> execStart(String unit) {
        for (String line : unit.split("\n")) {
            if (line.startsWith("ExecStart=")) {
                return List.of(line.substring("ExecStart=".length()).strip().split("\\s+"));
            }
        }
        throw new AssertionError("no ExecStart in\n" + unit);
    }

    /** Every path under root, with its type, as seen without following links. */
    static Set<String> tree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            Set<String> out = new TreeSet<>();
            all.forEach(p -> out.add(root.relativize(p) + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "")));
            return out;
        }
    }

    /** Every path under a folder as the client sees it, in its merged overlay. */
    static Set<String> visible(Sandbox sandbox, String folder) {
        Run find = sandbox.onClient("find", folder, "-xdev");
        assertThat(find.exit()).as(find.toString()).isZero();
        return new TreeSet<>(List.of(find.stdout().split("\n")));
    }

    /** What the installed package owns that is not a folder, links followed (/lib is one to /usr/lib). */
    static List<String> ownedFiles(Sandbox sandbox) {
        List<String> find = new ArrayList<>(List.of("find", "-L"));
        find.addAll(List.of(sandbox.onClient("dpkg-query", "-L", "leakguard").stdout().split("\n")));
        find.removeIf(p -> p.isBlank() || p.equals("/."));
        find.addAll(List.of("-maxdepth", "0", "!", "-type", "d"));
        Run r = sandbox.onClient(find.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        return List.of(r.stdout().split("\n"));
    }

    /** What dpkg itself writes on every run: its database, logs and caches. */
    static boolean dpkgOwnRecord(String p) {
        return p.startsWith("/var/lib/dpkg") || p.startsWith("/var/log/") || p.startsWith("/var/cache/");
    }

    /** Every regular file under root by its path, with its mode and bytes (as text) and each link's target. */
    static java.util.Map<String, String> contents(Path root) throws IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String mode = Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS));
                String what = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1)
                        : "";
                out.put(root.relativize(p).toString(), mode + " " + what);
            }
        }
        return out;
    }
}
