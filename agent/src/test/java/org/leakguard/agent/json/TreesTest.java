package org.leakguard.agent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tree read without a mapper is the tree the mapper reads, node type for node type. */
class TreesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML = new YAMLMapper();

    static JsonNode read(JsonFactory factory, String text) throws IOException {
        try (JsonParser p = factory.createParser(text)) {
            return Trees.read(p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "null", "true", "\"x\"", "0", "-1",
        "{\"a\": [1, 2147483648, 9223372036854775808, -9223372036854775809, 1.5, -0.0, 1e300, null, false, \"ü\\u0000\"]}",
        "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\", \"json_schema_version\": 1}},"
                + " {\"set\": {\"family\": \"inet\", \"elem\": [{\"prefix\": {\"addr\": \"2001:db8::\", \"len\": 32}}]}}]}",
        "[[[[]]], {\"\": {\"\": \"\"}}]"
    })
    void jsonReadsAsTheMapperReadsIt(String text) throws IOException {
        assertThat(read(JSON.getFactory(), text)).isEqualTo(JSON.readTree(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a: 1\nb: [x, 2.5, ~, true]\n",
        "spec:\n  firewall: {plainDns: block-others}\n  ipv6: disable\n  n: 0x20\n  big: 123456789012345678901234\n",
        "- a\n- {b: c}\n- [1, [2, [3]]]\n"
    })
    void yamlReadsAsTheMapperReadsIt(String text) throws IOException {
        assertThat(read(new YAMLFactory(), text)).isEqualTo(YAML.readTree(text));
    }

    @Test
    void randomDocumentsReadAsTheMapperReadsThem() throws IOException {
        Random random = new Random(20261123);
        for (int i = 0; i < 300; i++) {
            String text = JSON.writeValueAsString(randomValue(random, 0));
            assertThat(read(JSON.getFactory(), text)).as(text).isEqualTo(JSON.readTree(text));
        }
    }

    @Test
    void skippedFieldsAreLeftOutAtAnyDepthAndTheRestIsAsTheMapperReadsIt() throws IOException {
        String text = "{\"nftables\": [{\"rule\": {\"chain\": \"out\", \"expr\": [{\"match\": {\"op\": \"==\"}}],"
                + " \"comment\": \"c1\"}}, {\"expr\": 1, \"set\": {\"elem\": [\"192.0.2.1\"]}}]}";
        String without = "{\"nftables\": [{\"rule\": {\"chain\": \"out\", \"comment\": \"c1\"}},"
                + " {\"set\": {\"elem\": [\"192.0.2.1\"]}}]}";
        try (JsonParser p = JSON.getFactory().createParser(text)) {
            assertThat(Trees.read(p, java.util.Set.of("expr"))).isEqualTo(JSON.readTree(without));
        }
    }

    @Test
    void emptyInputIsNoValueAndBrokenInputFails() throws IOException {
        assertThat(read(JSON.getFactory(), "")).isNull();
        assertThatThrownBy(() -> read(JSON.getFactory(), "{\"a\": [1, }")).isInstanceOf(IOException.class);
    }

    private static Object randomValue(Random r, int depth) {
        int kind = depth > 4 ? r.nextInt(5) : r.nextInt(7);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return r.nextBoolean();
            case 2:
                return r.nextBoolean() ? (Object) r.nextInt() : (Object) r.nextLong();
            case 3:
                return r.nextDouble() * 1e6;
            case 4:
                return Long.toString(r.nextLong(), 36);
            case 5: {
                java.util.List<Object> list = new java.util.ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    list.add(randomValue(r, depth + 1));
                }
                return list;
            }
            default: {
                java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    map.put("k" + r.nextInt(10), randomValue(r, depth + 1));
                }
                return map;
            }
        }
    }
}
