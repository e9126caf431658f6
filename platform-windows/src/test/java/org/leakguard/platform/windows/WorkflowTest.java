package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** .github/workflows/windows.yml parses and has the job the Windows runner needs; it cannot run here. */
class WorkflowTest {
    private static final Path WORKFLOW = Path.of("..", ".github", "workflows", "windows.yml");

    @Test
    void theWindowsJobBuildsTestsTheRealOsAndStartsThePackagedAgent() throws Exception {
        JsonNode w = new YAMLMapper().readTree(WORKFLOW.toFile());
        // YAML 1.1 reads the key "on" as true.
        JsonNode on = w.has("on") ? w.get("on") : w.get("true");
        assertThat(on).isNotNull();
        assertThat(on.has("push") && on.has("pull_request")).isTrue();
        assertThat(w.path("permissions").path("contents").asText()).isEqualTo("read");

        JsonNode job = w.path("jobs").path("windows");
        assertThat(job.path("runs-on").asText()).isEqualTo("windows-latest");
        List<JsonNode> steps = new ArrayList<>();
        job.path("steps").forEach(steps::add);
        assertThat(steps).allSatisfy(s -> assertThat(s.has("uses") ^ s.has("run")).as("%s: uses or run", s).isTrue());
        assertThat(steps.get(0).path("uses").asText()).startsWith("actions/checkout@");
        assertThat(steps.get(1).path("uses").asText()).startsWith("actions/setup-java@");
        assertThat(steps.get(1).path("with").path("java-version").asText()).isEqualTo("17");

        JsonNode real = steps.stream().filter(s -> s.path("run").asText().contains("-Dtest=WindowsRealOsTest")).findFirst().orElseThrow();
        assertThat(real.path("env").path("LEAKGUARD_REAL_WINDOWS").asText()).isEqualTo("1");
        assertThat(steps).anySatisfy(s -> assertThat(s.path("run").asText()).contains("org/leakguard/platform/windows/**"));
        assertThat(steps).anySatisfy(s -> assertThat(s.path("run").asText()).contains("bin\\agent.cmd").contains("$LASTEXITCODE"));
        for (JsonNode s : steps) {
            if (s.has("run")) {
                assertThat(s.path("shell").asText()).as("Windows steps say their shell").isIn("pwsh", "cmd");
            }
        }
    }

    /**
     * A pwsh step ends with the exit code of its last native command: a step that accepts the
     * agent's exit 3 must end with exit 0, and every agent call and mvn run is checked where it runs.
     */
    @Test
    void eachStepAssertsWhatItClaims() throws Exception {
        JsonNode w = new YAMLMapper().readTree(WORKFLOW.toFile());
        List<String> runs = new ArrayList<>();
        w.path("jobs").path("windows").path("steps").forEach(s -> {
            if (s.has("run")) {
                runs.add(s.path("run").asText());
            }
        });
        assertThat(runs).hasSize(3).allSatisfy(r -> {
            long natives = r.lines().filter(l -> l.strip().startsWith("mvn ") || l.contains("& $agent")).count();
            long checks = r.lines().filter(l -> l.contains("$LASTEXITCODE")).count();
            assertThat(checks).as("every mvn and agent run is followed by its exit-code check:%n%s", r).isGreaterThanOrEqualTo(natives);
        });
        String agentStep = runs.get(2);
        assertThat(agentStep).contains("-ne 3", "ConvertFrom-Json");
        assertThat(agentStep.strip()).as("the step that accepts exit 3 ends with exit 0").endsWith("exit 0");
        assertThat(runs.get(0)).contains("skipped", "!WindowsRealOsTest");
        assertThat(runs.get(1)).contains("WindowsRealOsTest.xml", "skipped");
    }

    /**
     * Surefire runs nothing, and passes, for a -Dtest name no class has: every class the workflow
     * names (or excludes) must exist in this package, so a rename cannot leave the real-OS step empty.
     */
    @Test
    void everyTestClassTheWorkflowNamesExists() throws Exception {
        String text = java.nio.file.Files.readString(WORKFLOW);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-Dtest=([^\"\\s]+)").matcher(text);
        List<String> named = new ArrayList<>();
        while (m.find()) {
            for (String part : m.group(1).split(",")) {
                String name = part.startsWith("!") ? part.substring(1) : part;
                if (!name.contains("/") && !name.contains("*")) {
                    named.add(name);
                }
            }
        }
        assertThat(named).as("the workflow names the real-OS test class").contains("WindowsRealOsTest");
        for (String name : named) {
            assertThat(getClass().getClassLoader().getResource(getClass().getPackageName().replace('.', '/') + "/" + name + ".class"))
                    .as("the workflow's -Dtest=%s is a test class of this module", name).isNotNull();
        }
    }
}
