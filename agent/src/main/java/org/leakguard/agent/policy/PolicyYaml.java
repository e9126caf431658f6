package org.leakguard.agent.policy;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;

/** The YAML parser factory policies are read with, apart from the mapper that only some need. */
final class PolicyYaml {
    static final int MAX_BYTES = 1024 * 1024;
    static final StrictYamlFactory FACTORY = new StrictYamlFactory(YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(MAX_BYTES)
                    .maxStringLength(MAX_BYTES)
                    .maxNestingDepth(EventGuard.MAX_DEPTH + 1)
                    .build())
            // YAML 1.2 booleans: `doh: off` is the word off, not false.
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            // An empty plain value (`- ` or `key:`) is null, as YAML says.
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL));

    private PolicyYaml() {}

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
