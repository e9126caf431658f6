package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        assertThat(runs).filteredOn(r -> r.contains("-Dtest=RealMacTest")).singleElement().satisfies(r -> assertThat(r)
                .contains("sudo", "LEAKGUARD_REAL_MAC=1", "-o"));
        assertThat(runs).anySatisfy(r -> assertThat(r).contains("csrutil status", "profiles status", "sudo -n true",
                "pfctl -s info"));
    }

    /**
     * A step that runs tests says from surefire's XML how many ran and that none was skipped: a
     * gate (OS, variable, exclude) that stops matching would otherwise pass green with nothing run.
     * The counts it expects are the ones this module has.
     */
    @Test
    void eachTestStepAssertsItsCountsFromSurefire() throws Exception {
        JsonNode steps = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile()).path("jobs").path("macos").path("steps");
        String unit = run(steps, "mvn -B -pl platform-macos -am install");
        String real = run(steps, "-Dtest=RealMacTest");
        for (String step : List.of(unit, real)) {
            assertThat(step).as("reads surefire's XML").contains("xmllint --xpath 'string(/testsuite/@tests)'",
                    "xmllint --xpath 'string(/testsuite/@skipped)'", "exit 1");
            assertThat(step.indexOf("mvn")).as("the counts are checked after mvn ran").isLessThan(step.indexOf("xmllint"));
        }
        assertThat(unit).contains("platform-macos/target/surefire-reports/TEST-*.xml", "\"$skipped\" -ne 0");
        long unitTests = testMethods().entrySet().stream().filter(e -> !e.getKey().equals("RealMacTest.java"))
                .mapToLong(Map.Entry::getValue).sum();
        Matcher least = Pattern.compile("\"\\$tests\" -lt (\\d+)").matcher(unit);
        assertThat(least.find()).as("the unit step names a least count").isTrue();
        // A floor far below the real count would let most of the suite go missing unnoticed: raise it in macos.yml.
        assertThat(Long.parseLong(least.group(1))).as("least count in macos.yml against the %d unit tests here", unitTests)
                .isLessThanOrEqualTo(unitTests).isGreaterThan(unitTests * 4 / 5);

        assertThat(real.split("(?<!\\\\)\n")[0]).as("one sudo command, continued with backslashes, runs the class with its gate")
                .contains("sudo", "LEAKGUARD_REAL_MAC=1", "-Dtest=RealMacTest");
        assertThat(real).contains("TEST-" + RealMacTest.class.getName() + ".xml", "\"$skipped\" -ne 0");
        Matcher exact = Pattern.compile("\"\\$tests\" -ne (\\d+)").matcher(real);
        assertThat(exact.find()).as("the real step names the exact count").isTrue();
        assertThat(Long.parseLong(exact.group(1))).as("RealMacTest's test methods").isEqualTo(testMethods().get("RealMacTest.java"));
    }

    private static String run(JsonNode steps, String marker) {
        List<String> found = new ArrayList<>();
        steps.forEach(s -> {
            if (s.path("run").asText().contains(marker)) {
                found.add(s.path("run").asText());
            }
        });
        assertThat(found).as("steps running %s", marker).hasSize(1);
        return found.get(0);
    }

    /** Test methods per source file of this module's tests; a factory counts once, the least it adds. */
    private static Map<String, Long> testMethods() throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (var files = Files.list(Path.of("src/test/java/org/leakguard/platform/macos"))) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readString(f).lines()
                        .filter(l -> l.strip().equals("@Test") || l.strip().equals("@TestFactory")).count());
            }
        }
        return out;
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
