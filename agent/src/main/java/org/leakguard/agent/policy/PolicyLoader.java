package org.leakguard.agent.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.leakguard.agent.json.Trees;

/**
 * Reads a policy file into validated {@link Policy} records, or says exactly where and why
 * it cannot. Nothing is looked up while loading: IP addresses must be literals.
 *
 * <p>The YAML is treated as untrusted: at most 1 MiB, 50 aliases, 50 levels of nesting, and
 * no explicit tags other than YAML's core ones.
 */
public final class PolicyLoader {
    /** Largest policy file accepted, in bytes. */
    public static final int MAX_BYTES = PolicyYaml.MAX_BYTES;

    private static final byte[] WARM_UP = "a: [b, {c: d}]\n".getBytes(StandardCharsets.UTF_8);

    public PolicyLoader() {
        // The mapper is shared and built once per process; a loader holds no state.
    }

    /**
     * Reads a tiny document the way a plain policy is read. The first read in a process loads and
     * initialises Jackson and SnakeYAML, which takes longer than reading a policy afterwards, so a
     * caller can have it done on another thread while it works out which file to read.
     */
    public static void warmUpReader() {
        try (JsonParser p = PolicyYaml.FACTORY.createParser(WARM_UP)) {
            Trees.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #warmUpReader}, for the JDK's SHA-256: its first use loads the security providers. */
    public static void warmUpDigest() {
        sha256(new byte[0]);
    }

    public LoadedPolicy load(Path file) throws PolicyException {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // One byte past the limit is enough to know the file is too large.
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw PolicyException.wholeFile(name, "cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw PolicyException.wholeFile(name, "cannot read: permission denied");
        } catch (IOException e) {
            throw PolicyException.wholeFile(name, "cannot read: " + e.getMessage());
        }
        return parse(name, bytes);
    }

    public LoadedPolicy parse(String fileName, byte[] bytes) throws PolicyException {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_BYTES) {
            throw PolicyException.wholeFile(fileName, "larger than " + MAX_BYTES
                    + " bytes (1 MiB), the most a policy may be; is this the right file?");
        }
        return new LoadedPolicy(fileName, sha256(bytes), read(fileName, bytes));
    }

    private static Policy read(String fileName, byte[] bytes) throws PolicyException {
        Policy plain = plain(bytes);
        return plain != null ? plain : databind(fileName, bytes);
    }

    /** Binds with databind straight from the parser, so its errors keep Jackson's exact locations. */
    static Policy databind(String fileName, byte[] bytes) throws PolicyException {
        StrictYamlParser p;
        try {
            p = (StrictYamlParser) PolicyMapper.MAPPER.createParser(bytes);
        } catch (IOException e) {
            throw PolicyException.wholeFile(fileName, "cannot read: " + e.getMessage());
        }
        // Errors are translated before the parser closes: messages quote its current token.
        try {
            return bind(fileName, p);
        } catch (JacksonException e) {
            throw new BindingErrors(fileName, p.sources()).translate(e);
        } catch (InvalidSetting e) {
            throw new BindingErrors(fileName, p.sources()).refused(e);
        } catch (IOException e) {
            throw PolicyException.wholeFile(fileName, "cannot read: " + e.getMessage());
        } finally {
            closeQuietly(p);
        }
    }

    private static Policy bind(String fileName, StrictYamlParser p) throws IOException, PolicyException {
        if (skipEmpty(p) == null) {
            throw PolicyException.wholeFile(fileName, "holds no policy (it is empty or only"
                    + " comments); a policy starts with apiVersion: " + Policy.API_VERSION);
        }
        Policy policy = PolicyMapper.MAPPER.readValue(p, Policy.class);
        if (skipEmpty(p) != null) {
            JsonLocation at = p.currentTokenLocation();
            throw new PolicyException(fileName, at.getLineNr(), at.getColumnNr(), "",
                    "a second YAML document starts here; a policy file holds exactly one");
        }
        PolicyRules.check(policy);
        return policy;
    }

    /**
     * The policy when {@link TreeBinder} can bind it and it keeps the rules, else null: then the
     * file goes through databind, which finds the same problem (or the same policy) and words it.
     * Any failure here, even an unexpected one, only means taking that longer way.
     */
    static Policy plain(byte[] bytes) {
        try (StrictYamlParser p = (StrictYamlParser) PolicyYaml.FACTORY.createParser(bytes)) {
            JsonToken first = skipEmpty(p);
            if (first == null) {
                return null;
            }
            JsonNode document = Trees.value(p, first);
            if (skipEmpty(p) != null) {
                return null;
            }
            Policy policy = TreeBinder.policy(document);
            PolicyRules.check(policy);
            return policy;
        } catch (IOException | RuntimeException | TreeBinder.NotPlain e) {
            return null;
        }
    }

    private static void closeQuietly(StrictYamlParser p) {
        try {
            p.close();
        } catch (IOException e) {
            // Reading from a byte array: closing cannot fail in a way that matters.
        }
    }

    /** The next token that is not an empty document ({@code ---} with nothing after it). */
    private static JsonToken skipEmpty(StrictYamlParser p) throws IOException {
        JsonToken t = p.nextToken();
        while (t == JsonToken.VALUE_NULL) {
            t = p.nextToken();
        }
        return t;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
