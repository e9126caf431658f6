package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

/** The one mapper policies are read with: strict types, no modules, built once per process. */
final class PolicyMapper {
    static final int MAX_BYTES = 1024 * 1024;
    static final ObjectMapper MAPPER = build();

    private PolicyMapper() {}

    private static ObjectMapper build() {
        ObjectMapper mapper = YAMLMapper.builder(new StrictYamlFactory(YAMLFactory.builder()
                        .loaderOptions(loaderOptions())
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxDocumentLength(MAX_BYTES)
                                .maxStringLength(MAX_BYTES)
                                .maxNestingDepth(EventGuard.MAX_DEPTH + 1)
                                .build())
                        // YAML 1.2 booleans: `doh: off` is the word off, not false.
                        .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                        // An empty plain value (`- ` or `key:`) is null, as YAML says.
                        .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)))
                // StrictYamlParser reports duplicate keys with both lines instead.
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // `ipv6: 0` must not pick the first enum constant.
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .build();
        // `tlsName: 853` is a mistake to report, not text to accept.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // `percent: 12.5` is a mistake to report, not 12.
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    /** SnakeYAML's own limits, kept as a second line behind {@link EventGuard}. */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(EventGuard.MAX_ALIASES);
        options.setNestingDepthLimit(EventGuard.MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        return options;
    }
}
