package org.leakguard.platform.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's firefox-esr, headless, in a client network namespace and in its own mount and PID
 * namespaces. There /etc is the machine's, read-only, except resolv.conf and /etc/firefox, which
 * are the temporary root's (an empty folder while the root has none, so the machine's own policies
 * never count); killing the namespace's first process ends every Firefox process. Each run gets a
 * fresh profile whose user.js turns off everything that phones home, and a home folder under the
 * root, so the only names Firefox looks up are the page's and nothing is left in the real home.
 */
final class FirefoxHeadless {
    static final String BROWSER = "/usr/bin/firefox-esr";

    /** Prefs for the fresh profile; the DoH prefs are left alone, since the policies under test set them. */
    private static final List<String> PREFS = List.of(
            "app.update.disabledForTesting true", "app.update.auto false", "app.update.checkInstallTime false",
            "app.normandy.enabled false", "app.normandy.api_url \"\"", "app.shield.optoutstudies.enabled false",
            "browser.aboutwelcome.enabled false", "browser.startup.page 0",
            "browser.startup.homepage_override.mstone \"ignore\"", "browser.shell.checkDefaultBrowser false",
            "browser.newtab.preload false", "browser.newtabpage.enabled false",
            "browser.newtabpage.activity-stream.feeds.topsites false",
            "browser.newtabpage.activity-stream.feeds.section.topstories false",
            "browser.newtabpage.activity-stream.feeds.system.topstories false",
            "browser.newtabpage.activity-stream.showSponsored false",
            "browser.newtabpage.activity-stream.showSponsoredTopSites false",
            "browser.newtabpage.activity-stream.telemetry false",
            "browser.newtabpage.activity-stream.unifiedAds.tiles.enabled false",
            "browser.newtabpage.activity-stream.unifiedAds.spocs.enabled false",
            "browser.topsites.contile.enabled false", "browser.ping-centre.telemetry false",
            "browser.region.network.url \"\"", "browser.region.update.enabled false",
            "browser.safebrowsing.malware.enabled false", "browser.safebrowsing.phishing.enabled false",
            "browser.safebrowsing.downloads.enabled false", "browser.safebrowsing.blockedURIs.enabled false",
            "browser.safebrowsing.provider.google4.updateURL \"\"",
            "browser.safebrowsing.provider.google.updateURL \"\"",
            "browser.safebrowsing.provider.mozilla.updateURL \"\"", "browser.search.update false",
            "browser.urlbar.speculativeConnect.enabled false", "datareporting.healthreport.uploadEnabled false",
            "datareporting.policy.dataSubmissionEnabled false", "toolkit.telemetry.enabled false",
            "toolkit.telemetry.unified false", "toolkit.telemetry.server \"\"",
            // Glean uploads on its own; a negative port makes it drop pings instead of sending them.
            "telemetry.fog.test.localhost_port -1", "dom.push.connection.enabled false", "dom.push.serverURL \"\"",
            "extensions.update.enabled false", "extensions.getAddons.cache.enabled false",
            "extensions.systemAddon.update.enabled false", "geo.provider.network.url \"\"",
            "media.gmp-manager.url \"\"", "messaging-system.rsexperimentloader.enabled false",
            "network.captive-portal-service.enabled false", "network.connectivity-service.enabled false",
            "network.dns.disablePrefetch true", "network.predictor.enabled false", "network.prefetch-next false",
            "security.OCSP.enabled 0", "security.remote_settings.crlite_filters.enabled false",
            "security.remote_settings.intermediates.enabled false",
            // Honoured only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 (see start()); a data: URL needs no DNS.
            "services.settings.server \"data:,#remote-settings-dummy/v1\"");

    /** Checked every 100 ms while Firefox runs. */
    @FunctionalInterface
    interface Probe {
        boolean holds() throws Exception;
    }

    private final Netns client;
    private final Path root;
    private final Path log;

    FirefoxHeadless(Netns client, Path root) {
        this.client = client;
        this.root = root;
        this.log = root.resolve("firefox.log");
    }

    /**
     * Opens http://NAME/ and returns when {@code stop} holds or {@code limit} has passed; either
     * way Firefox and everything it started have been killed and reaped.
     */
    void browse(String name, Duration limit, Probe stop) throws Exception {
        Process p = start(name);
        List<ProcessHandle> seen = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline && !stop.holds() && p.isAlive()) {
                p.descendants().forEach(seen::add);
                Thread.sleep(100);
            }
        } finally {
            p.descendants().forEach(seen::add);
            // Killing unshare makes the kernel kill its child, the namespace's first process, and with
            // it every process in the namespace; the direct kills are for a kernel that would not.
            seen.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle h : seen) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
        }
    }

    String log() throws Exception {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Processes whose command line names the temporary root: none should outlive a test. */
    static List<ProcessHandle> strays(Path root) {
        String mark = root.toString();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().arguments().map(a -> Arrays.stream(a).anyMatch(s -> s.contains(mark))).orElse(false))
                .toList();
    }

    private Process start(String name) throws Exception {
        Path profile = Files.createTempDirectory(root, "profile");
        StringBuilder prefs = new StringBuilder();
        for (String pref : PREFS) {
            int space = pref.indexOf(' ');
            prefs.append("user_pref(\"").append(pref, 0, space).append("\", ").append(pref.substring(space + 1))
                    .append(");\n");
        }
        Files.writeString(profile.resolve("user.js"), prefs);
        Path skeleton = Files.createDirectories(root.resolve("firefox-etc/firefox")).getParent();
        Path etcFirefox = root.resolve("etc/firefox");
        Path home = Files.createDirectories(root.resolve("firefox-home"));
        List<String> argv = new ArrayList<>(List.of("timeout", "-k", "5", "40"));
        argv.addAll(client.inside(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child", "--propagation",
                "private", "sh", "-c",
                // A read-only overlay with an empty firefox folder on top gives /etc a mount point
                // for /etc/firefox without touching the machine's /etc.
                "set -e; mount -t overlay overlay -o lowerdir=\"$1\":/etc /etc"
                        + " && mount --bind \"$2\" /etc/resolv.conf && mount --bind \"$3\" /etc/firefox"
                        + " && shift 3 && exec \"$@\"",
                "sh", skeleton.toString(), root.resolve("etc/resolv.conf").toString(),
                (Files.isDirectory(etcFirefox) ? etcFirefox : skeleton.resolve("firefox")).toString(), BROWSER,
                "--headless", "--no-remote", "--profile", profile.toString(), "http://" + name + "/")));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        for (String gone : List.of("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR")) {
            env.remove(gone);
        }
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("TMPDIR", Files.createDirectories(root.resolve("firefox-tmp")).toString());
        env.put("MOZ_CRASHREPORTER_DISABLE", "1");
        env.put("MOZ_REMOTE_SETTINGS_DEVTOOLS", "1");
        return pb.start();
    }
}
