package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Platform;

/** The journal index saves reading journals, and never changes what recovery and check conclude. */
class JournalIndexTest {
    static final String PROBED = "  resolvers: {servers: [203.0.113.53]}\n  verify: {probes: true}\n";

    @TempDir
    Path tmp;

    EngineFixture fx;
    Path resolv;
    final List<Control<?>> controls = List.of(new PinFileControl("resolvers", "/etc/resolv.conf"));
    /** What the host used before each apply: the begin line records it. */
    List<InetAddress> inUse = new ArrayList<>();
    /** The resolvers the last check's probes were asked to prove closed. */
    List<InetAddress> probedPrevious;
    /** A minute later for each engine: transaction ids sort by the second they start in. */
    Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @BeforeEach
    void setUp() throws Exception {
        fx = new EngineFixture(tmp);
        resolv = fx.root.resolve("etc/resolv.conf");
        Files.createDirectories(resolv.getParent());
        Files.writeString(resolv, "nameserver 198.51.100.53\n");
    }

    @Test
    void aCheckAfterTheFirstReadsNoJournal() throws Exception {
        inUse = List.of(address("198.51.100.53"));
        engine(new ObjectMapper()).apply(EngineFixture.policy(EngineTest.PIN), List.of());
        engine(new ObjectMapper()).recover();

        Engine untouched = engine(null);

        assertThat(untouched.recover()).isEmpty();
        untouched.check(EngineFixture.policy(PROBED), List.of());
        assertThat(probedPrevious).containsExactly(address("198.51.100.53"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.stateDir.resolve(JournalIndex.FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void aJournalThatChangedIsReadAgain() throws Exception {
        engine(new ObjectMapper()).apply(EngineFixture.policy(EngineTest.PIN), List.of());
        engine(new ObjectMapper()).recover();
        Path journal = onlyJournal();
        // As a run killed while applying leaves it: an intent with no ending.
        String begin = Files.readAllLines(journal).get(0);
        Files.writeString(journal, begin + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);

        List<String> said = engine(new ObjectMapper()).recover();

        assertThat(said).singleElement().asString().contains("left unfinished");
    }

    @Test
    void aDamagedIndexIsIgnored() throws Exception {
        engine(new ObjectMapper()).apply(EngineFixture.policy(EngineTest.PIN), List.of());
        engine(new ObjectMapper()).recover();
        Path index = fx.stateDir.resolve(JournalIndex.FILE);
        List<String> lines = Files.readAllLines(index);
        Files.writeString(index, lines.get(0) + "\n" + lines.get(1).replace("COMMITTED", "UNFINISHED") + "\n" + lines.get(2) + "\n");

        assertThat(engine(new ObjectMapper()).recover()).isEmpty();
        assertThat(fx.state().list()).singleElement().extracting(Transaction::state).isEqualTo(Transaction.State.COMMITTED);
    }

    @Test
    void theRecordedResolversFollowARollbackBackToTheEarlierTransaction() throws Exception {
        inUse = List.of(address("198.51.100.1"));
        engine(new ObjectMapper()).apply(EngineFixture.policy(EngineTest.PIN), List.of());
        Files.writeString(resolv, "nameserver 198.51.100.2\n");
        inUse = List.of(address("198.51.100.2"));
        String repair = engine(new ObjectMapper()).apply(EngineFixture.policy(EngineTest.PIN), List.of()).transaction();

        engine(new ObjectMapper()).check(EngineFixture.policy(PROBED), List.of());
        assertThat(probedPrevious).containsExactly(address("198.51.100.2"));

        engine(new ObjectMapper()).rollback(Optional.of(repair), List.of());
        engine(new ObjectMapper()).check(EngineFixture.policy(PROBED), List.of());
        assertThat(probedPrevious).containsExactly(address("198.51.100.1"));
    }

    @Test
    void entriesAgreeWithTheJournalsForEveryState() throws Exception {
        engine(new ObjectMapper()).apply(EngineFixture.policy(EngineTest.PIN), List.of(), Duration.ofMinutes(10));
        StateDir state = fx.state();

        List<JournalIndex.Entry> fromJournals = state.summaries();
        List<JournalIndex.Entry> fromIndex = new StateDir(fx.stateDir, (ObjectMapper) null).summaries();

        assertThat(fromIndex).isEqualTo(fromJournals);
        assertThat(fromIndex).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(Transaction.State.PENDING);
            assertThat(e.deadline()).isNotNull();
            assertThat(e.resolvers()).isEmpty();
        });
    }

    /** An engine whose state folder fails the test if it reads a journal in full when {@code json} is null. */
    private Engine engine(ObjectMapper json) throws Exception {
        StateDir state = new StateDir(fx.stateDir, () -> {
            assertThat(json).as("a journal was read although the index holds it").isNotNull();
            return json;
        });
        state.prepare();
        Host host = fx.host(fx.files, c -> {
            throw new java.io.IOException("no commands in this test");
        });
        Verifier recording = (spec, previous) -> {
            probedPrevious = previous;
            return List.of();
        };
        now = now.plus(Duration.ofMinutes(1));
        return new Engine(platform(), host, state, recording, Clock.fixed(now, ZoneOffset.UTC));
    }

    private Platform platform() {
        Platform base = EngineFixture.platform(controls);
        return new Platform() {
            @Override
            public String id() {
                return base.id();
            }

            @Override
            public Optional<String> unavailabilityCause(HostInfo host) {
                return Optional.empty();
            }

            @Override
            public List<Control<?>> controls() {
                return controls;
            }

            @Override
            public List<InetAddress> resolversInUse(Host host) {
                return inUse;
            }
        };
    }

    private Path onlyJournal() throws Exception {
        try (var dirs = Files.list(fx.stateDir.resolve("transactions"))) {
            return dirs.findFirst().orElseThrow().resolve("journal.jsonl");
        }
    }

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByAddress(InetAddress.getByName(text).getAddress());
    }
}
