package org.leakguard.agent.change;

import java.io.IOException;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

import java.util.List;

/**
 * State owned by a program rather than a file, such as an nftables table. Its before-image is what
 * {@code read} prints (a failing {@code read} means absent). Apply feeds {@code content} to
 * {@code replace}; undo runs {@code remove} and, when the state existed before, feeds the
 * before-image back to {@code replace}.
 */
public record ProgramState(
        String target, List<String> read, List<String> replace, String content, List<String> remove, String why)
        implements Change {

    public ProgramState {
        read = List.copyOf(read);
        replace = List.copyOf(replace);
        remove = List.copyOf(remove);
    }

    @Override
    public String summary() {
        return "load " + target + ": " + why;
    }

    /** The complete text apply loads; what is loaded now decides only whether it replaces something. */
    @Override
    public java.util.Optional<Preview> preview(Host host) {
        if (host.offline()) {
            return java.util.Optional.of(Preview.unread(Preview.Form.RULESET, content, "an offline image runs no program"));
        }
        try {
            CommandResult r = host.commands().run(new Command(read, null, null));
            return java.util.Optional.of(new Preview(Preview.Form.RULESET, r.ok() ? r.stdout() : null, content, null));
        } catch (IOException e) {
            return java.util.Optional.of(Preview.unread(Preview.Form.RULESET, content,
                    "cannot run " + read.get(0) + ": " + e.getMessage()));
        }
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        CommandResult r = host.commands().run(new Command(read, null, null));
        return new BeforeImage.OfProgram(r.ok() ? r.stdout() : null);
    }

    @Override
    public void apply(Host host) throws IOException {
        Programs.check(host, new Command(replace, content, null));
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        if (host.commands().run(new Command(read, null, null)).ok()) {
            Programs.check(host, new Command(remove, null, null));
        }
        BeforeImage.OfProgram old = (BeforeImage.OfProgram) before;
        if (old.existed()) {
            Programs.check(host, new Command(replace, old.state(), null));
        }
    }

    /** Presence is what can be compared: a program's listing may reorder what it was given. */
    @Override
    public boolean isAt(Host host, BeforeImage before) throws IOException {
        return ((BeforeImage.OfProgram) capture(host)).existed() == ((BeforeImage.OfProgram) before).existed();
    }
}
