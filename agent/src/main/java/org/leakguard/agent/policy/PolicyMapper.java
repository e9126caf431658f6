package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one mapper policies are read with: strict types, no modules, built once per process. A
 * plainly written policy never needs it: {@link PolicyYaml#FACTORY} and {@link TreeBinder} read
 * those, and the mapper is built only for the others.
 */
final class PolicyMapper {
    static final int MAX_BYTES = PolicyYaml.MAX_BYTES;
    static final ObjectMapper MAPPER = build();

    private PolicyMapper() {}

    private static ObjectMapper build() {
        ObjectMapper mapper = YAMLMapper.builder(PolicyYaml.FACTORY)
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
}
