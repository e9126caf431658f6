package org.leakguard.agent.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.Event;

/**
 * Jackson's YAML parser with the {@link EventGuard} in front of it, recording where every
 * key and value starts and refusing duplicate keys. Binding straight from this parser keeps
 * Jackson's exact locations in binding errors.
 */
final class StrictYamlParser extends YAMLParser {
    private final EventGuard guard = new EventGuard();
    private final SourceMap sources = new SourceMap();
    private final EventGuard.Source snakeYaml = new SnakeYamlEvents();

    StrictYamlParser(IOContext ctxt, int parserFeatures, int yamlFeatures, LoaderOptions options,
            ObjectCodec codec, Reader reader) {
        super(ctxt, parserFeatures, yamlFeatures, options, codec, reader);
    }

    SourceMap sources() {
        return sources;
    }

    @Override
    protected Event getEvent() throws IOException {
        return guard.next(snakeYaml);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken t = super.nextToken();
        if (t == null || t.isStructEnd()) {
            return t;
        }
        String path = KeyPath.of(getParsingContext());
        JsonLocation at = currentTokenLocation();
        if (guard.problem() != null) {
            throw new YamlRejected(this, at, path, guard.problem());
        }
        SourceMap.Position here = new SourceMap.Position(at.getLineNr(), at.getColumnNr());
        if (t == JsonToken.FIELD_NAME) {
            SourceMap.Position first = sources.addKey(path, here);
            if (first != null) {
                throw new YamlRejected(this, at, path, "this key appears twice (first at line "
                        + first.line() + "); keep one");
            }
        } else {
            sources.addValue(path, here);
        }
        return t;
    }

    /** The unscreened events; a named class rather than a lambda, to spare start-up. */
    private final class SnakeYamlEvents implements EventGuard.Source {
        @Override
        public Event next() throws IOException {
            return StrictYamlParser.super.getEvent();
        }
    }
}
