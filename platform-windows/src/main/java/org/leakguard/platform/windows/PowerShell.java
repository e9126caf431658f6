package org.leakguard.platform.windows;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.List;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/**
 * Windows PowerShell with fixed script text. Every value (an adapter's alias or GUID, a server,
 * a template) reaches the script as JSON on standard input, read into {@code $in}; none is ever
 * part of the script, so no value can become code. Results come back as JSON on stdout.
 */
final class PowerShell {
    /**
     * Stops at the first error; prints UTF-8; reads the data. The data is sent as ASCII (other
     * characters as JSON escapes), so the console's code page cannot garble an alias.
     */
    static final String PRELUDE = "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; "
            + "[Console]::OutputEncoding = [Text.Encoding]::UTF8; "
            + "$in = [Console]::In.ReadToEnd() | ConvertFrom-Json; ";

    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private PowerShell() {}

    /** The argv for a script: the same for every call of that script, whatever the data. */
    static List<String> argv(String exe, String script) {
        return List.of(exe, "-NoProfile", "-NonInteractive", "-Command", PRELUDE + script);
    }

    static Command command(String exe, String script, JsonNode data) {
        try {
            return new Command(argv(exe, script), JSON.writeValueAsString(data), null);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Runs the script; a non-zero exit is an error that quotes what PowerShell said. */
    static String run(Host host, String script, JsonNode data) throws IOException {
        CommandResult r = host.commands().run(command(SystemPrograms.path(host, SystemPrograms.POWERSHELL), script, data));
        if (!r.ok()) {
            throw new IOException("powershell.exe exited " + r.exitCode() + ": " + firstLines(r.stderr()));
        }
        return r.stdout();
    }

    /** The JSON a script printed; a script that printed nothing gives a missing node. */
    static JsonNode parse(String stdout) throws IOException {
        String text = stdout.strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.isEmpty() ? MissingNode.getInstance() : JSON.readTree(text);
    }

    /** PowerShell's error records run to many lines; the first ones say what went wrong. */
    static String firstLines(String stderr) {
        List<String> lines = stderr.strip().lines().limit(3).toList();
        return lines.isEmpty() ? "(nothing on stderr)" : String.join(" / ", lines);
    }
}
