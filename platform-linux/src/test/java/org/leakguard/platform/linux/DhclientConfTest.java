package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DhclientConfTest {
    private static final String DEBIAN = "# Configuration file for /sbin/dhclient.\n"
            + "option rfc3442-classless-static-routes code 121 = array of unsigned integer 8;\n"
            + "send host-name = gethostname();\n"
            + "prepend domain-name-servers 127.0.0.1;\n"
            + "request subnet-mask, broadcast-address, time-offset, routers,\n"
            + "\tdomain-name, domain-name-servers, domain-search, host-name;\n"
            + "supersede domain-search \"old.example\",\n"
            + "\t\"older.example\";\n";

    @Test
    void replacesOnlyTheDnsStatementsAndKeepsTheRest() {
        String merged = DhclientConf.merge(DEBIAN, List.of("192.0.2.53", "198.51.100.53"), List.of("corp.example"));
        assertThat(merged).isEqualTo("# Configuration file for /sbin/dhclient.\n"
                + "option rfc3442-classless-static-routes code 121 = array of unsigned integer 8;\n"
                + "send host-name = gethostname();\n"
                + "request subnet-mask, broadcast-address, time-offset, routers,\n"
                + "\tdomain-name, domain-name-servers, domain-search, host-name;\n"
                + "\n"
                + DhclientConf.MARKER + "\n"
                + "supersede domain-name-servers 192.0.2.53, 198.51.100.53;\n"
                + "supersede domain-search \"corp.example\";\n");
    }

    @Test
    void mergeIsIdempotent() {
        String once = DhclientConf.merge(DEBIAN, List.of("192.0.2.53"), List.of());
        assertThat(DhclientConf.merge(once, List.of("192.0.2.53"), List.of())).isEqualTo(once);
    }

    @Test
    void aPolicyWithoutSearchDomainsKeepsTheHostsSearchStatement() {
        String merged = DhclientConf.merge(DEBIAN, List.of("192.0.2.53"), List.of());
        assertThat(merged).contains("supersede domain-search \"old.example\",\n\t\"older.example\";\n")
                .doesNotContain("prepend domain-name-servers").endsWith("supersede domain-name-servers 192.0.2.53;\n");
    }

    @Test
    void newFileHoldsOnlyTheStatements() {
        assertThat(DhclientConf.merge(null, List.of("192.0.2.53"), List.of()))
                .isEqualTo(DhclientConf.MARKER + "\nsupersede domain-name-servers 192.0.2.53;\n");
    }
}
