package org.leakguard.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.spi.Platform;

/** The JSON mapper for journals and the status and diagnose views; reports are written by {@link org.leakguard.agent.report.ReportJson}. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}

    /** The journal mapper, able to read these platforms' own changes and before-images. */
    static ObjectMapper journal(List<Platform> platforms) {
        List<Class<?>> types = new ArrayList<>();
        for (Platform p : platforms) {
            types.addAll(p.journalTypes());
        }
        if (types.isEmpty()) {
            return MAPPER;
        }
        ObjectMapper copy = MAPPER.copy();
        copy.registerSubtypes(types.toArray(new Class<?>[0]));
        return copy;
    }
}
