package dev.ferry.exporter.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.common.CauseDetail;
import dev.ferry.common.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The output of {@code kc.sh export --realm R --users same_file|realm_file|different_files}: one file, or a directory
 * of {@code R-realm.json} plus {@code R-users-N.json}, merged here into one realm with its users. It carries what the
 * Admin API never gives: password hashes, TOTP secrets, realm keys.
 */
public record OfflineRealmExport(Path source, ObjectNode realm) {

    public static OfflineRealmExport load(Path fileOrDir, String realmName) {
        try {
            if (Files.isDirectory(fileOrDir)) {
                return fromDirectory(fileOrDir, realmName);
            }
            if (!Files.isRegularFile(fileOrDir)) {
                throw new ConfigException("--keycloak-realm-file " + fileOrDir + " does not exist",
                        "Give the file written by 'kc.sh export --file', or the directory written by 'kc.sh export --dir'.");
            }
            ObjectNode realm = readObject(fileOrDir);
            requireRealm(fileOrDir, realm, realmName);
            return new OfflineRealmExport(fileOrDir, realm);
        } catch (IOException e) {
            throw new ConfigException("--keycloak-realm-file " + fileOrDir + " cannot be read as a Keycloak export"
                    + CauseDetail.text(e.getMessage() == null ? null : e.getMessage().lines().findFirst().orElse(null)).map(m -> ": " + m).orElse(""), "Give the unmodified output of 'kc.sh export'.", e);
        }
    }

    private static OfflineRealmExport fromDirectory(Path dir, String realmName) throws IOException {
        Path realmFile = dir.resolve(realmName + "-realm.json");
        if (!Files.isRegularFile(realmFile)) {
            throw new ConfigException("--keycloak-realm-file " + dir + " holds no " + realmName + "-realm.json",
                    "Give the directory written by 'kc.sh export --dir DIR --realm " + realmName + "'.");
        }
        ObjectNode realm = readObject(realmFile);
        requireRealm(realmFile, realm, realmName);
        ArrayNode users = realm.withArray("users");
        List<Path> userFiles;
        try (Stream<Path> files = Files.list(dir)) {
            userFiles = files.filter(f -> f.getFileName().toString().matches("\\Q" + realmName + "\\E-users-\\d+\\.json"))
                    .sorted().toList();
        }
        for (Path f : userFiles) {
            for (JsonNode u : readObject(f).path("users")) {
                users.add(u);
            }
        }
        return new OfflineRealmExport(dir, realm);
    }

    private static ObjectNode readObject(Path file) throws IOException {
        JsonNode node = KeycloakJson.MAPPER.readTree(file.toFile());
        if (node == null || !node.isObject()) {
            throw new ConfigException("--keycloak-realm-file " + file + " is not a realm export (no JSON object)",
                    "Give the unmodified output of 'kc.sh export'.");
        }
        return (ObjectNode) node;
    }

    private static void requireRealm(Path file, ObjectNode realm, String realmName) {
        String name = realm.path("realm").asText("");
        if (!name.equals(realmName)) {
            throw new ConfigException("--keycloak-realm-file " + file + " holds realm '" + name + "', not '" + realmName
                    + "' (keycloak.realm)", "Export the right realm: kc.sh export --realm " + realmName + " ….");
        }
    }

    /** Users of the export that are not service accounts, by id. */
    public Map<String, JsonNode> usersById() {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode u : realm.path("users")) {
            if (!u.hasNonNull("serviceAccountClientId")) {
                byId.put(u.path("id").asText(), u);
            }
        }
        return byId;
    }

    /** Whether the export carries this user's password hash (a password credential with secretData). */
    public static boolean carriesPasswordHash(JsonNode offlineUser) {
        for (JsonNode c : offlineUser.path("credentials")) {
            if ("password".equals(c.path("type").asText()) && c.hasNonNull("secretData")) {
                return true;
            }
        }
        return false;
    }

    /** The group paths of an offline user, as the file holds them. */
    public static List<String> groupPaths(JsonNode offlineUser) {
        List<String> paths = new ArrayList<>();
        offlineUser.path("groups").forEach(g -> paths.add(g.asText()));
        return paths;
    }
}
