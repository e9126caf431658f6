package org.leakguard.agent.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Placeholder loader; replaced by the validating one. */
public final class PolicyLoader {
    public LoadedPolicy load(Path file) throws PolicyException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return parse(file.toString(), bytes);
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot read: " + e.getMessage());
        }
    }

    public LoadedPolicy parse(String name, byte[] bytes) throws PolicyException {
        try {
            Policy p = new ObjectMapper(new YAMLFactory()).readValue(bytes, Policy.class);
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            return new LoadedPolicy(name, sha, p);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new PolicyException(name + ": " + e.getMessage());
        }
    }
}
