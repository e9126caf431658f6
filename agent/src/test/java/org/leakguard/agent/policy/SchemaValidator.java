package org.leakguard.agent.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** policies/schema.json, applied the way an editor applies it to a YAML 1.2 document. */
final class SchemaValidator {
    // Editors read YAML 1.2, where a bare `off` is text; so does the loader.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    private final JsonSchema schema;

    SchemaValidator(Path schemaFile) throws IOException {
        JsonNode node = new ObjectMapper().readTree(schemaFile.toFile());
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node, config);
    }

    Set<ValidationMessage> validate(Path yaml) throws IOException {
        return schema.validate(YAML.readTree(yaml.toFile()));
    }

    /** Problems with the schema itself, checked against the draft 2020-12 meta-schema. */
    static Set<ValidationMessage> metaValidate(Path schemaFile) throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema meta = factory.getSchema(SchemaLocation.of(SchemaId.V202012));
        return meta.validate(new ObjectMapper().readTree(schemaFile.toFile()));
    }
}
