package dev.ferry.stores.config;

import dev.ferry.common.ConfigException;
import dev.ferry.common.LocalIoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the value of a secret key into the secret. Accepted forms: {@code ${env:NAME}}, {@code ${file:PATH}} (relative
 * to the config file's directory; one trailing newline is dropped), or a literal, but a literal only when the config
 * file can be read by its owner alone, because then the file is as well protected as a secret file would be.
 */
public final class SecretResolver {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z]*):(.*)}");
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path configFile;
    private final String example;
    private final Map<String, String> environment;

    /** @param example the example config to point at, e.g. "docs/target.example.yaml" */
    public SecretResolver(Path configFile, String example, Map<String, String> environment) {
        this.configFile = configFile;
        this.example = example;
        this.environment = environment;
    }

    String fileName() {
        return configFile.getFileName().toString();
    }

    public Secret resolve(String key, String raw) {
        String name = fileName();
        if (raw == null || raw.isEmpty()) {
            throw new ConfigException(name + ": missing value for '" + key + "'",
                    "Set " + key + " to ${env:NAME} or ${file:PATH} (see " + example + ").");
        }
        Matcher m = REFERENCE.matcher(raw.strip());
        if (m.matches()) {
            return switch (m.group(1)) {
                case "env" -> fromEnv(name, key, m.group(2));
                case "file" -> fromFile(name, key, m.group(2));
                default -> throw new ConfigException(name + ": '" + key + "' uses an unknown secret source '${"
                        + m.group(1) + ":…}'", "Use ${env:NAME} or ${file:PATH}.");
            };
        }
        if (raw.strip().startsWith("${")) {
            throw new ConfigException(name + ": '" + key + "' is not a valid secret reference",
                    "Write it as ${env:NAME} or ${file:PATH}, e.g. ${env:FRED_PG_PASSWORD}.");
        }
        requireOwnerOnly(name, key);
        return new Secret(raw, "a literal in " + name);
    }

    private Secret fromEnv(String name, String key, String variable) {
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigException(name + ": '" + key + "' names an invalid environment variable '" + variable + "'",
                    "Use ${env:NAME} with a variable name made of letters, digits and '_'.");
        }
        String value = environment.get(variable);
        if (value == null || value.isEmpty()) {
            throw new ConfigException(name + ": '" + key + "' refers to environment variable " + variable
                    + ", which is not set or empty", "Export " + variable + " in the shell that runs Ferry.");
        }
        return new Secret(value, "environment variable " + variable);
    }

    private Secret fromFile(String name, String key, String pathText) {
        if (pathText.isBlank()) {
            throw new ConfigException(name + ": '" + key + "' has an empty ${file:} reference",
                    "Write ${file:/path/to/secret} (the file holds only the secret).");
        }
        Path dir = configFile.toAbsolutePath().getParent();
        Path file = dir.resolve(pathText);
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8);
            if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1));
            }
            if (value.isEmpty()) {
                throw new ConfigException(name + ": '" + key + "' refers to " + file + ", which is empty",
                        "Write the secret into " + file + ".");
            }
            return new Secret(value, "file " + file);
        } catch (IOException e) {
            throw new ConfigException(name + ": '" + key + "' refers to " + file + ", which cannot be read: "
                    + LocalIoException.reason(e, file), "Check that the file exists and is readable by this user.", e);
        }
    }

    private void requireOwnerOnly(String name, String key) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(configFile);
        } catch (UnsupportedOperationException | IOException e) {
            throw new ConfigException(name + ": '" + key + "' holds a literal secret, and the file's permissions "
                    + "cannot be checked on this file system", "Use ${env:NAME} or ${file:PATH} instead of a literal.");
        }
        perms.retainAll(GROUP_OR_OTHER);
        if (!perms.isEmpty()) {
            throw new ConfigException(name + ": '" + key + "' holds a literal secret, but " + configFile
                    + " is accessible to others (" + perms.stream().map(p -> p.name().toLowerCase()).sorted()
                    .reduce((a, b) -> a + ", " + b).orElse("") + ")",
                    "Run 'chmod 600 " + configFile + "', or use ${env:NAME} or ${file:PATH} instead of a literal.");
        }
    }
}
