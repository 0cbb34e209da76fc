package dev.ferry.importer.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.common.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads target.yaml (docs/target.example.yaml shows every key). Unknown keys are errors, because a misspelt
 * {@code conflicts} entry silently falling back to "refuse" would surprise an operator in the middle of the night.
 */
public final class TargetConfigLoader {
    private static final Set<String> TOP = Set.of("stateDir", "postgres", "keycloak", "openfga", "objects");
    private static final Set<String> PG = Set.of("jdbcUrl", "host", "port", "database", "user", "password", "conflicts");
    private static final Set<String> KC = Set.of("url", "realm", "adminRealm", "clientId", "username", "password", "mode");
    private static final Set<String> FGA = Set.of("apiUrl", "apiToken", "storeName", "usernameTuples", "concurrency");
    private static final Set<String> S3 = Set.of("endpoint", "region", "accessKey", "secretKey", "bucketMap", "concurrency");

    private final SecretReference secrets;

    public TargetConfigLoader() {
        this(SecretReference.fromSystem());
    }

    TargetConfigLoader(SecretReference secrets) {
        this.secrets = secrets;
    }

    public TargetConfig load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist", "pass --config with the path of your target.yaml (see docs/target.example.yaml)");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + firstLine(e.getMessage()),
                    "fix the syntax at the position given; docs/target.example.yaml shows the layout");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config file " + file + " is empty or not a mapping", "start from docs/target.example.yaml");
        }
        Section top = new Section(file, "", (ObjectNode) root, TOP);
        String stateDir = top.optionalText("stateDir", "~/.ferry/state");
        return new TargetConfig(file, expandHome(stateDir),
                top.has("postgres") ? postgres(top.section("postgres", PG)) : null,
                top.has("keycloak") ? keycloak(top.section("keycloak", KC)) : null,
                top.has("openfga") ? openfga(top.section("openfga", FGA)) : null,
                top.has("objects") ? objects(top.section("objects", S3)) : null);
    }

    private PostgresTarget postgres(Section s) {
        String url = s.has("jdbcUrl") ? s.text("jdbcUrl")
                : "jdbc:postgresql://" + s.text("host") + ":" + s.optionalInt("port", 5432) + "/" + s.text("database");
        Map<String, ConflictPolicy> conflicts = new LinkedHashMap<>();
        if (s.has("conflicts")) {
            JsonNode c = s.node.get("conflicts");
            if (!c.isObject()) {
                throw s.error("conflicts", "must be a mapping of table name to refuse|skip|overwrite");
            }
            c.fields().forEachRemaining(e -> conflicts.put(e.getKey(),
                    ConflictPolicy.parse(e.getValue().asText(), s.path("conflicts." + e.getKey()))));
        }
        return new PostgresTarget(url, s.text("user"), s.secret("password"), Map.copyOf(conflicts));
    }

    private KeycloakTarget keycloak(Section s) {
        return new KeycloakTarget(stripSlash(s.text("url")), s.optionalText("realm", "app"), s.optionalText("adminRealm", "master"),
                s.optionalText("clientId", "admin-cli"), s.text("username"), s.secret("password"),
                KeycloakMode.parse(s.optionalText("mode", "merge"), s.path("mode")));
    }

    private OpenFgaTarget openfga(Section s) {
        String token = s.has("apiToken") ? s.secret("apiToken") : null;
        return new OpenFgaTarget(stripSlash(s.text("apiUrl")), token, s.text("storeName"),
                UsernameTuples.parse(s.optionalText("usernameTuples", "drop"), s.path("usernameTuples")),
                s.optionalInt("concurrency", 4));
    }

    private ObjectsTarget objects(Section s) {
        Map<String, String> map = new LinkedHashMap<>();
        if (s.has("bucketMap")) {
            JsonNode m = s.node.get("bucketMap");
            if (!m.isObject()) {
                throw s.error("bucketMap", "must be a mapping of Source bucket name to Target bucket name");
            }
            m.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return new ObjectsTarget(stripSlash(s.text("endpoint")), s.optionalText("region", null), s.secret("accessKey"),
                s.secret("secretKey"), Map.copyOf(map), s.optionalInt("concurrency", 4));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Path expandHome(String p) {
        return p.startsWith("~/") ? Path.of(System.getProperty("user.home"), p.substring(2)) : Path.of(p);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** One mapping of the file, with its dotted path for error messages. */
    private final class Section {
        final Path file;
        final String prefix;
        final ObjectNode node;

        Section(Path file, String prefix, ObjectNode node, Set<String> allowed) {
            this.file = file;
            this.prefix = prefix;
            this.node = node;
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw new ConfigException(file + ": unknown key '" + path(k) + "'",
                            "remove it or correct its spelling; allowed here: " + String.join(", ", allowed.stream().sorted().toList()));
                }
            }
        }

        String path(String key) {
            return prefix.isEmpty() ? key : prefix + "." + key;
        }

        boolean has(String key) {
            return node.hasNonNull(key);
        }

        Section section(String key, Set<String> allowed) {
            JsonNode n = node.get(key);
            if (!n.isObject()) {
                throw error(key, "must be a mapping");
            }
            return new Section(file, path(key), (ObjectNode) n, allowed);
        }

        String text(String key) {
            if (!has(key) || node.get(key).asText().isBlank()) {
                throw new ConfigException(file + ": " + path(key) + " is missing", "add it; docs/target.example.yaml shows an example");
            }
            return node.get(key).asText();
        }

        String optionalText(String key, String fallback) {
            return has(key) ? node.get(key).asText() : fallback;
        }

        int optionalInt(String key, int fallback) {
            if (!has(key)) {
                return fallback;
            }
            JsonNode n = node.get(key);
            if (!n.canConvertToInt() || n.asInt() < 1) {
                throw error(key, "must be a positive whole number");
            }
            return n.asInt();
        }

        String secret(String key) {
            return secrets.resolve(text(key), path(key), file);
        }

        ConfigException error(String key, String what) {
            return new ConfigException(file + ": " + path(key) + " " + what, "correct it; docs/target.example.yaml shows an example");
        }
    }
}
