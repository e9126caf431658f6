package org.leakguard.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** The report's JSON is a contract: the streaming writer must say exactly what databind says. */
class ReportJsonTest {
    /** Configured as the CLI's own mapper. */
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Test
    void everyFieldAsDatabindWritesIt() throws Exception {
        Report report = new Report(Result.ROLLBACK_FAILED, 5, "apply", new Report.PolicyRef("corp", "ab12"),
                new Report.HostRef("h\u00e9te \"1\"", "Linux"), "20260101T000000Z-abcdef", 1234,
                List.of(new ControlReport("resolvers", Status.CHANGED,
                                List.of(new ChangeReport("write-file", "/etc/resolv.conf", "pin\nnameservers"),
                                        new ChangeReport("write-file", "/etc/x", "w", "new\n", "--- /dev/null\n+++ b/etc/x\n@@ -0,0 +1 @@\n+new\n")),
                                List.of(Finding.info("seen"), Finding.error("tab\there"))),
                        new ControlReport("ipv6", Status.NOT_APPLICABLE, List.of(), List.of())),
                List.of(new ProbeReport("udp53", "198.51.100.53", "unreachable", "answered", false, 12),
                        new ProbeReport("canary", "x.leaktest.example", "pinned only", "api down", null, 1000),
                        new ProbeReport("tcp853", "198.51.100.53", "unreachable", "refused", true, 0),
                        new ProbeReport("route-canary", "x.canary.corp.example", "only [10.1.2.53]", "asked by 10.1.2.53", true, 8,
                                NameRouting.planned("x.canary.corp.example", List.of("corp.example"), List.of("10.1.2.53"))
                                        .askedBy(List.of("10.1.2.53"))),
                        new ProbeReport("route-name", "probe.corp.example", "the answer of 10.1.2.53", "the system resolver answers",
                                true, 9, NameRouting.planned("probe.corp.example", List.of("corp.example"), List.of("10.1.2.53", "10.1.2.54"))
                                        .answers(List.of("10.1.2.80"), Map.of("10.1.2.53", List.of("10.1.2.80", "2001:db8:0:0:0:0:0:80")))),
                        new ProbeReport("route-name", "probe.corp.example", "the answer of 10.1.2.53", "did not finish", null, -1,
                                NameRouting.planned("probe.corp.example", List.of("corp.example"), List.of("10.1.2.53")))),
                List.of("rollback incomplete", "\u2028 odd"));

        assertSame(report);
    }

    @Test
    void absentPolicyTransactionAndEmptyLists() throws Exception {
        assertSame(new Report(Result.ERROR, 1, "check", null, new Report.HostRef("h", "Linux"), null, 0, List.of(), List.of(),
                List.of()));
    }

    private static void assertSame(Report report) throws Exception {
        assertThat(ReportJson.pretty(report)).isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }
}
