package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * .github/workflows/macos.yml is YAML GitHub can run: parsed here, since no macOS runner (and no
 * actionlint) is at hand where the suite runs.
 */
class WorkflowTest {
    static final Path WORKFLOW = Path.of("").toAbsolutePath().getParent().resolve(".github/workflows/macos.yml");

    @Test
    void workflowRunsTheSuiteAndTheRealMacClassOnAMacRunner() throws Exception {
        JsonNode w = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());

        assertThat(w.path("name").asText()).isEqualTo("macos");
        JsonNode on = w.has("on") ? w.get("on") : w.get("true");
        assertThat(on).as("trigger").isNotNull();
        assertThat(on.has("pull_request") && on.has("push")).isTrue();
        JsonNode job = w.path("jobs").path("macos");
        assertThat(job.path("runs-on").asText()).isEqualTo("macos-latest");
        List<String> uses = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (JsonNode step : job.path("steps")) {
            assertThat(step.has("uses") ^ step.has("run")).as(step.toString()).isTrue();
            if (step.has("uses")) {
                uses.add(step.get("uses").asText());
                assertThat(step.get("uses").asText()).matches("[\\w-]+/[\\w-]+@v\\d+");
            } else {
                runs.add(step.get("run").asText());
            }
        }
        assertThat(uses).contains("actions/checkout@v4", "actions/setup-java@v4");
        assertThat(job.path("steps").findValues("java-version")).extracting(JsonNode::asText).containsExactly("17");
        assertThat(runs).anySatisfy(r -> assertThat(r).contains("mvn -B -pl platform-macos -am install"));
        assertThat(runs).filteredOn(r -> r.contains("RealMacTest")).singleElement().satisfies(r -> assertThat(r)
                .contains("sudo", "LEAKGUARD_REAL_MAC=1", "-Dtest=RealMacTest", "-o").doesNotContain("\n"));
        assertThat(runs).anySatisfy(r -> assertThat(r).contains("csrutil status", "profiles status", "sudo -n true",
                "pfctl -s info"));
    }

    /** Every assumption about a hosted runner is written down where the workflow is read. */
    @Test
    void theWorkflowWritesDownWhatAHostedRunnerHas() throws Exception {
        String text = java.nio.file.Files.readString(WORKFLOW);
        assertThat(text).contains("SIP", "No MDM", "pf disabled by default", "App Management on", "sudo without a password",
                "plutil -lint", "pfctl -X TOKEN");
    }

    /** A plain build never runs the class that changes a Mac's network settings, so it needs no skip. */
    @Test
    void thePomLeavesTheRealMacClassToTheWorkflow() throws Exception {
        String pom = java.nio.file.Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<exclude>**/RealMacTest.java</exclude>");
    }

    @Test
    void theRealMacClassIsGatedOnTheVariableTheWorkflowSets() throws Exception {
        var gate = RealMacTest.class.getAnnotation(org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable.class);
        assertThat(gate.named()).isEqualTo("LEAKGUARD_REAL_MAC");
        assertThat(java.nio.file.Files.readString(WORKFLOW)).contains(gate.named() + "=" + gate.matches());
        assertThat(RealMacTest.class.getAnnotation(org.junit.jupiter.api.condition.EnabledOnOs.class).value())
                .containsExactly(org.junit.jupiter.api.condition.OS.MAC);
    }
}
