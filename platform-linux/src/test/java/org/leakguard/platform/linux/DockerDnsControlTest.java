package org.leakguard.platform.linux;

import org.leakguard.agent.spi.ControlContract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** dockerd's daemon.json over a temporary root; the running dockerd is faked under its /proc. */
class DockerDnsControlTest {
    private static final String DAEMON = DockerDnsControl.DAEMON_JSON;
    private static final String ADMIN = Fixtures.text("docker/daemon-admin.json");
    private static final Spec PIN = BrowserTrees.docker(Specs.blockAll(), "203.0.113.53", "2001:db8::53");
    /** docker-ce's docker.service ExecStart, as /proc/PID/cmdline holds it. */
    private static final String DOCKER_CE = "/usr/bin/dockerd\0-H\0fd://\0--containerd=/run/containerd/containerd.sock\0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private Host host;
    private final DockerDnsControl control = new DockerDnsControl();

    @BeforeEach
    void host() {
        host = TestHosts.online(root, new ScriptedCommands());
    }

    private Assessment assess(Spec spec) throws Exception {
        return BrowserTrees.assess(control, spec, host);
    }

    private List<String> messages(Spec spec) throws Exception {
        return assess(spec).findings().stream().map(Finding::message).toList();
    }

    private void running(String cmdline) throws Exception {
        BrowserTrees.plant(root, "/run/docker.pid", "4242\n");
        java.nio.file.Files.createDirectories(root.resolve("proc/4242"));
        java.nio.file.Files.write(root.resolve("proc/4242/cmdline"), cmdline.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mergesDnsIntoTheAdminsFileAndUndoRestoresItsBytes() throws Exception {
        BrowserTrees.plant(root, "/usr/sbin/dockerd", "");
        BrowserTrees.plant(root, DAEMON, ADMIN);
        Assessment a = ControlContract.holds(control, PIN, host);
        assertThat(BrowserTrees.read(root, DAEMON)).isEqualTo(ADMIN);
        assertThat(((WriteFile) a.changes().get(0)).mode()).isNull();

        BrowserTrees.applyAll(assess(PIN), host);
        JsonNode after = JSON.readTree(BrowserTrees.read(root, DAEMON));
        assertThat(after.get("dns")).isEqualTo(JSON.readTree("[\"203.0.113.53\", \"2001:db8::53\"]"));
        ObjectNode expected = (ObjectNode) JSON.readTree(ADMIN);
        expected.set("dns", after.get("dns"));
        assertThat(after).isEqualTo(expected);
        assertThat(after.fieldNames()).toIterable().containsExactly("log-driver", "log-opts", "dns",
                "default-address-pools", "live-restore", "storage-driver");
    }

    @Test
    void createsTheFileWhenAbsentAndUndoRemovesIt() throws Exception {
        BrowserTrees.folder(root, "/etc/docker");
        Assessment a = ControlContract.holds(control, PIN, host);
        assertThat(a.changes()).containsExactly(WriteFile.text(DAEMON, "{\n  \"dns\": [\n    \"203.0.113.53\",\n"
                + "    \"2001:db8::53\"\n  ]\n}\n", 0644, "containers get dns [203.0.113.53, 2001:db8::53];"
                + " every other dockerd setting is kept"));
        assertThat(root.resolve(DAEMON.substring(1))).doesNotExist();
    }

    @Test
    void theSameServersInAnotherOrderAreRewritten() throws Exception {
        BrowserTrees.plant(root, DAEMON, "{\"dns\": [\"2001:db8::53\", \"203.0.113.53\"]}");
        assertThat(assess(PIN).changes()).hasSize(1);
        BrowserTrees.plant(root, DAEMON, "{\"dns\":[\"203.0.113.53\",\"2001:db8::53\"]}");
        assertThat(assess(PIN).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void withoutDockerNothingIsWritten() throws Exception {
        Assessment a = assess(PIN);
        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message).containsExactly("Docker is not installed (no dockerd,"
                + " no /etc/docker): there is no container DNS to pin");
    }

    @Test
    void aMalformedFileIsAnErrorAndNeverRewritten() throws Exception {
        BrowserTrees.plant(root, DAEMON, "{\"log-driver\": \"journald\",}\n");
        Assessment a = assess(PIN);
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).extracting(Finding::severity).contains(Finding.Severity.ERROR);
    }

    @Test
    void pinWithoutResolversIsAnError() throws Exception {
        BrowserTrees.folder(root, "/etc/docker");
        Assessment a = assess(BrowserTrees.docker(Specs.blockAll()));
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).extracting(Finding::severity).containsExactly(Finding.Severity.ERROR);
    }

    @Test
    void aRunningDockerdIsLeftRunningWithARestartWarning() throws Exception {
        BrowserTrees.plant(root, DAEMON, ADMIN);
        running(DOCKER_CE);
        assertThat(messages(PIN)).contains("dockerd (pid 4242) reads dns only when it starts: run `systemctl restart"
                + " docker` to apply it; leakguard does not restart it because that stops every running container"
                + " (live-restore is off); containers keep their old DNS until re-created");
        BrowserTrees.plant(root, DAEMON, "{\"live-restore\": true}");
        assertThat(messages(PIN)).anySatisfy(m -> assertThat(m).contains("live-restore is on, so running containers"
                + " survive the restart"));
    }

    @Test
    void aStalePidFileMeansDockerdIsNotRunning() throws Exception {
        BrowserTrees.folder(root, "/etc/docker");
        BrowserTrees.plant(root, "/run/docker.pid", "4242\n");
        assertThat(messages(PIN)).contains("dockerd reads dns from " + DAEMON + " when it next starts");
    }

    @Test
    void dnsFlagsOnTheCommandLineAreJudgedAndTheFileLeftAlone() throws Exception {
        BrowserTrees.folder(root, "/etc/docker");
        running("/usr/sbin/dockerd\0-H\0fd://\0--dns\08.8.8.8\0");
        Assessment a = assess(PIN);
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("--dns [8.8.8.8]")
                .contains("remove the --dns flags"));
        running("/usr/sbin/dockerd\0--dns=203.0.113.53\0--dns\0002001:db8::53\0");
        assertThat(assess(PIN).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void anOfflineImageGetsTheFileAndNoProcessIsLookedAt() throws Exception {
        BrowserTrees.folder(root, "/etc/docker");
        running(DOCKER_CE);
        Assessment a = BrowserTrees.assess(control, PIN, TestHosts.offline(root));
        assertThat(a.changes()).hasSize(1);
        assertThat(a.findings()).extracting(Finding::message).contains("offline image: dockerd reads dns from "
                + DAEMON + " when the image boots");
    }

    @Test
    void withoutTheForwardRulesOrWithLoopbackServersItWarns() throws Exception {
        BrowserTrees.folder(root, "/etc/docker");
        assertThat(messages(BrowserTrees.docker(null, "127.0.0.1", "203.0.113.53")))
                .anySatisfy(m -> assertThat(m).startsWith("containers.dockerDns: pin sets the resolvers Docker hands"
                        + " out, but a container can still ask any resolver itself: set firewall.plainDns: block-others"))
                .anySatisfy(m -> assertThat(m).startsWith("resolvers.servers lists loopback [127.0.0.1]"));
        assertThat(messages(PIN)).noneSatisfy(m -> assertThat(m).contains("firewall.plainDns"));
    }
}
