package org.leakguard.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import org.leakguard.agent.spi.Platform;

/** The JSON mapper for journals and the status and diagnose views; reports are written by {@link ReportJson}. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}

    /** The journal mapper, able to read these platforms' own changes and before-images. */
    static ObjectMapper journal(List<Platform> platforms) {
        Class<?>[] types = platforms.stream().flatMap(p -> p.journalTypes().stream()).toArray(Class<?>[]::new);
        if (types.length == 0) {
            return MAPPER;
        }
        ObjectMapper copy = MAPPER.copy();
        copy.registerSubtypes(types);
        return copy;
    }
}
