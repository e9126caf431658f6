package org.leakguard.platform.windows;

import java.io.IOException;
import java.util.List;

/** The host's network adapters; {@code JnaAdapters} on Windows, a fake in tests. */
public interface Adapters {
    List<Adapter> list() throws IOException;
}
