package org.leakguard.agent.change;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.IOException;
import org.leakguard.agent.host.Host;

/**
 * One change to the host, as data. The engine captures its before-image, journals both, then
 * carries it out; undo puts the before-image back. Controls only return changes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = WriteFile.class, name = "write-file"),
    @JsonSubTypes.Type(value = DeleteFile.class, name = "delete-file"),
    @JsonSubTypes.Type(value = SetKernelValue.class, name = "set-kernel-value"),
    @JsonSubTypes.Type(value = ProgramState.class, name = "program-state"),
    @JsonSubTypes.Type(value = RunCommand.class, name = "run-command"),
    @JsonSubTypes.Type(value = Reload.class, name = "reload")
})
public sealed interface Change permits WriteFile, DeleteFile, SetKernelValue, ProgramState, RunCommand, Reload, PlatformChange {

    /** What the change acts on: a path, a kernel key, a firewall table. */
    String target();

    /** One line for {@code agent plan}: what will happen and why. */
    String summary();

    /** The target's state now, journaled before {@link #apply} runs. */
    BeforeImage capture(Host host) throws IOException;

    void apply(Host host) throws IOException;

    /** Puts the target back to its before-image. Safe to repeat, and safe when the change never ran. */
    void undo(Host host, BeforeImage before) throws IOException;

    /**
     * How the target looks now and after apply, for {@code agent plan}; reads only. Empty when the
     * summary says it all (a command, a reload). A read that fails gives a preview that says so.
     */
    default java.util.Optional<Preview> preview(Host host) {
        return java.util.Optional.empty();
    }

    /** Whether the target is back at its before-image, as far as it can be read. */
    default boolean isAt(Host host, BeforeImage before) throws IOException {
        return capture(host).equals(before);
    }
}
