package dev.ferry.stores.config;

import dev.ferry.common.CauseDetail;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.common.ConfigException;
import dev.ferry.common.LocalIoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Loads one YAML config file into a record tree: unknown keys, wrong types, bad YAML, missing values and bad secret
 * references all become a {@link ConfigException} naming the file and the key. The exporter's source.yaml and the
 * importer's target.yaml both go through here, with their own root records built from the shared store sections.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * @param example the example config every message points at: "docs/source.example.yaml" for the Source,
     *                "docs/target.example.yaml" for the Target
     */
    public static <T extends ConfigSection> T load(Path file, Class<T> rootType, String example) {
        return load(file, rootType, example, System.getenv());
    }

    public static <T extends ConfigSection> T load(Path file, Class<T> rootType, String example, Map<String, String> environment) {
        String name = file.getFileName().toString();
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(new SimpleModule("ferry-secrets").addDeserializer(Secret.class, new SecretDeserializer()));
        JsonNode tree;
        try (InputStream in = Files.newInputStream(file)) {
            tree = mapper.readTree(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist",
                    "Pass the path of your config with --config (an example is in " + example + ").");
        } catch (JsonProcessingException e) {
            throw new ConfigException(name + ": not valid YAML" + at(e.getLocation()) + ": " + e.getOriginalMessage()
                    .lines().findFirst().orElse(""), "Fix the YAML syntax at that line (indent with spaces, quote values with ':' or '#').", e);
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + LocalIoException.reason(e, file),
                    "Check that the file exists and is readable by this user.", e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(name + " is empty", "Fill it in from " + example + ".");
        }
        if (!tree.isObject()) {
            throw new ConfigException(name + ": the top level must be a mapping of sections (postgres:, keycloak:, …)",
                    "Start from " + example + ".");
        }
        T config;
        try {
            config = mapper.reader()
                    .withAttribute(SecretDeserializer.RESOLVER, new SecretResolver(file, example, environment))
                    .forType(rootType)
                    .readValue(tree);
        } catch (UnrecognizedPropertyException e) {
            throw unknownKey(name, e);
        } catch (MismatchedInputException e) {
            throw new ConfigException(name + ": '" + path(e) + "' has the wrong type: it must be " + expected(e.getTargetType()),
                    "Compare it with " + example + ": a list needs '- item' lines, a section needs nested keys.", e);
        } catch (JsonMappingException e) {
            Optional<ConfigException> inner = configCause(e);
            if (inner.isPresent()) {
                throw inner.get();
            }
            // Jackson's own text names Java types ("Cannot construct instance of `...`"): only a human cause is shown.
            throw new ConfigException(name + ": '" + path(e) + "' is invalid"
                    + (e.getCause() != null ? CauseDetail.parenthesised(e.getCause()) : CauseDetail.text(e.getOriginalMessage()).map(m -> " (" + m + ")").orElse("")),
                    "Compare it with " + example + ".", e);
        } catch (IOException e) {
            throw new ConfigException(name + " cannot be read: " + e.getMessage(), "Check the file.", e);
        }
        config.validate(new ConfigKeys(name, "", example));
        return config;
    }

    /** What a YAML value of {@code type} looks like, in an operator's words (never the Java type's name). */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "of the kind the example shows";
        }
        if (type == String.class || type == char.class || type == Character.class || type == Secret.class) {
            return "a text value";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list ('- item' lines)";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT))
                    .toList();
        }
        return "a section of nested keys";
    }

    private static ConfigException unknownKey(String name, UnrecognizedPropertyException e) {
        String key = path(e);
        String unknown = e.getPropertyName();
        Collection<Object> known = e.getKnownPropertyIds();
        String suggestion = known == null ? "" : known.stream().map(Object::toString)
                .filter(k -> distance(k.toLowerCase(), unknown.toLowerCase()) <= Math.max(2, unknown.length() / 3))
                .min(Comparator.comparingInt(k -> distance(k.toLowerCase(), unknown.toLowerCase())))
                .map(k -> " (did you mean '" + k + "'?)").orElse("");
        String allowed = known == null ? "" : known.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
        return new ConfigException(name + ": unknown key '" + key + "'" + suggestion,
                "Remove or rename it; the keys allowed there are: " + allowed + ".");
    }

    private static Optional<ConfigException> configCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException ce) {
                return Optional.of(ce);
            }
        }
        return Optional.empty();
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " at line " + location.getLineNr()
                + ", column " + location.getColumnNr();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
