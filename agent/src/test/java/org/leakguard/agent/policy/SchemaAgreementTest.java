package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * schema.json refuses what the loader refuses, wherever JSON Schema can express the rule;
 * each fixture's header says which rules it cannot express, so a gap is a decision, not drift.
 */
class SchemaAgreementTest {
    private static SchemaValidator schema;

    @BeforeAll
    static void readSchema() throws IOException {
        schema = new SchemaValidator(Fixtures.shippedPolicies().resolve("schema.json"));
    }

    static List<Fixtures.Invalid> invalidPolicies() {
        return Fixtures.invalid();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void schemaVerdictIsTheOneRecorded(Fixtures.Invalid invalid) throws IOException {
        assumeFalse(invalid.schema().equals("n/a"), "not YAML, nothing for a schema to see");

        boolean rejects = !schema.validate(invalid.file()).isEmpty();

        assertThat(rejects).as("schema rejects %s", invalid).isEqualTo(invalid.schema().equals("rejects"));
    }
}
