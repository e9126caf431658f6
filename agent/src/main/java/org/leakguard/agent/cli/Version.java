package org.leakguard.agent.cli;

import org.leakguard.agent.report.Build;
import picocli.CommandLine.IVersionProvider;

/** The version and commit the build stamped into the jar. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"leakguard agent " + Build.current().describe()};
    }
}
