package org.leakguard.agent.engine;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;

/** A minimal real control for engine tests: pins the policy's servers into one file. */
record PinFileControl(String id, String path) implements Control<Optional<String>> {

    static String wanted(Spec spec) {
        return spec.resolvers().servers().stream().map(a -> "nameserver " + a.getHostAddress() + "\n").collect(Collectors.joining());
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.resolvers() != null;
    }

    @Override
    public Optional<String> observe(Spec spec, Host host) throws IOException {
        return host.files().readString(path);
    }

    @Override
    public Assessment plan(Spec spec, Optional<String> observed) {
        String want = wanted(spec);
        if (observed.isPresent() && observed.get().equals(want)) {
            return Assessment.of(List.of(), List.of(Finding.info(path + " pins the servers")));
        }
        return Assessment.of(List.of(WriteFile.text(path, want, 0644, "pin the policy's servers")), List.of());
    }
}
