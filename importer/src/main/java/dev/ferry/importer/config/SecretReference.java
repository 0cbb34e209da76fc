package dev.ferry.importer.config;

import dev.ferry.common.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:/path}} in secret-bearing keys, so the YAML file itself holds no secret.
 * A literal value is refused for secret keys: it would sit in cleartext next to the bundle.
 */
final class SecretReference {
    private static final Pattern REF = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private final Function<String, String> environment;

    SecretReference(Function<String, String> environment) {
        this.environment = environment;
    }

    static SecretReference fromSystem() {
        Map<String, String> env = System.getenv();
        return new SecretReference(env::get);
    }

    /** Resolves a secret key's value; {@code key} names it in errors (e.g. "postgres.password"). */
    String resolve(String value, String key, Path configFile) {
        Matcher m = REF.matcher(value.trim());
        if (!m.matches()) {
            throw new ConfigException(configFile + ": " + key + " holds a literal secret",
                    "write it as ${env:VARIABLE} or ${file:/path/to/secret} so the config file holds no secret");
        }
        String kind = m.group(1);
        String name = m.group(2).trim();
        if (kind.equals("env")) {
            String v = environment.apply(name);
            if (v == null || v.isEmpty()) {
                throw new ConfigException(configFile + ": " + key + " refers to environment variable " + name + ", which is not set",
                        "export " + name + " before running ferry-import (read it with 'read -s' so it stays out of the shell history)");
            }
            return v;
        }
        Path file = Path.of(name.startsWith("~/") ? System.getProperty("user.home") + name.substring(1) : name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException(configFile + ": " + key + " refers to file " + file + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ")", "create the file with the secret in it, readable by this user only (chmod 600)");
        }
    }
}
