package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.host.Host;

/** Changes applied to a host with their before-images, rolled back as the engine does. */
record AppliedChanges(Host host, List<Change> changes, List<BeforeImage> before) {

    static AppliedChanges apply(Host host, List<Change> changes) throws Exception {
        List<BeforeImage> before = new ArrayList<>();
        for (Change c : changes) {
            before.add(c.capture(host));
            c.apply(host);
        }
        return new AppliedChanges(host, changes, before);
    }

    /** Undo in reverse, then every reload once more so each daemon reads the restored files. */
    void rollBack() throws Exception {
        for (int i = changes.size() - 1; i >= 0; i--) {
            changes.get(i).undo(host, before.get(i));
        }
        for (Change c : changes) {
            if (c instanceof Reload) {
                c.apply(host);
            }
        }
    }
}
