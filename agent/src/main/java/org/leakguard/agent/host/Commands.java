package org.leakguard.agent.host;

import java.io.IOException;

/** External programs, always as an argv list: there is no shell anywhere in leakguard. */
public interface Commands {

    /** Runs the command to completion or its timeout. A non-zero exit is a result, not an exception. */
    CommandResult run(Command command) throws IOException;
}
