package org.leakguard.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** A test class whose tests each run the packaged agent in one sandbox, closed after the test. */
abstract class SandboxTest {
    Sandbox sandbox;

    @BeforeAll
    static void requireSandbox() {
        Dist.requireSandbox();
    }

    @AfterEach
    void closeSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** {@code yaml} written as policy.yaml in the sandbox's folder. */
    Path writePolicy(String yaml) throws Exception {
        Path p = sandbox.dir.resolve("policy.yaml");
        Files.writeString(p, yaml);
        return p;
    }
}
