package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenresolvConfTest {
    /** Debian's openresolv 3.12 default, plus settings an admin may have added. */
    private static final String DEBIAN = "# Configuration for resolvconf(8)\n"
            + "# See resolvconf.conf(5) for details\n"
            + "\n"
            + "resolv_conf=/etc/resolv.conf\n"
            + "#name_servers=127.0.0.1\n"
            + "name_servers_append=\"198.51.100.1\n"
            + "  198.51.100.2\"\n"
            + "search_domains='isp.example'\n"
            + "dnsmasq_resolv=/var/run/dnsmasq/resolv.conf\n";

    @Test
    void dropsEveryServerSourceButItsOwnAndKeepsTheRest() {
        String merged = OpenresolvConf.merge(DEBIAN, List.of("203.0.113.53", "2001:db8::53"), List.of("corp.example"));
        assertThat(merged).isEqualTo("# Configuration for resolvconf(8)\n"
                + "# See resolvconf.conf(5) for details\n"
                + "\n"
                + "resolv_conf=/etc/resolv.conf\n"
                + "#name_servers=127.0.0.1\n"
                + "dnsmasq_resolv=/var/run/dnsmasq/resolv.conf\n"
                + "\n"
                + OpenresolvConf.MARKER + "\n"
                + "resolv_conf_passthrough=NULL\n"
                + "name_servers=\"203.0.113.53 2001:db8::53\"\n"
                + "search_domains=\"corp.example\"\n");
    }

    @Test
    void mergingItsOwnOutputChangesNothing() {
        String once = OpenresolvConf.merge(DEBIAN, List.of("203.0.113.53"), List.of());
        assertThat(OpenresolvConf.merge(once, List.of("203.0.113.53"), List.of())).isEqualTo(once);
        assertThat(once).doesNotContain("search_domains");
    }

    @Test
    void anAbsentFileGetsOnlyTheSettings() {
        assertThat(OpenresolvConf.merge(null, List.of("203.0.113.53"), List.of()))
                .isEqualTo(OpenresolvConf.MARKER + "\nresolv_conf_passthrough=NULL\nname_servers=\"203.0.113.53\"\n");
    }

    @Test
    void flavourFromProgramConfigOrHeader() {
        assertThat(ResolvconfReads.detect("/usr/sbin/resolvconf", "OPENRESOLV_VERSION=\"3.12.0\" # openresolv", null,
                false, null).flavor()).isEqualTo(ResolvconfFlavor.OPENRESOLV);
        assertThat(ResolvconfReads.detect(null, null, "", false, null).installed()).isTrue();
        assertThat(ResolvconfReads.detect("/sbin/resolvconf", "#!/bin/sh\n# Debian", null, true, null).flavor())
                .isEqualTo(ResolvconfFlavor.DEBIAN);
        var byHeader = ResolvconfReads.detect(null, null, null, false, Fixtures.text("resolv/openresolv.conf"));
        assertThat(byHeader.flavor()).isEqualTo(ResolvconfFlavor.OPENRESOLV);
        assertThat(byHeader.installed()).isFalse();
        assertThat(ResolvconfReads.detect(null, null, null, false, Fixtures.text("resolv/resolvconf-debian.conf"))
                .flavor()).isEqualTo(ResolvconfFlavor.DEBIAN);
        assertThat(ResolvconfReads.detect(null, null, null, false, Fixtures.text("resolv/plain.conf")).flavor())
                .isEqualTo(ResolvconfFlavor.NONE);
    }
}
