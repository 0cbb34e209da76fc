package dev.ferry.exporter.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.cli.Progress;
import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.config.KeycloakConfig;
import dev.ferry.stores.io.NonClosingOutputStream;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.keycloak.LeftOutValues;
import dev.ferry.stores.keycloak.MaskedValues;
import dev.ferry.stores.keycloak.MaskedValues.LeftOut;
import dev.ferry.stores.keycloak.RealmEntries;
import dev.ferry.stores.keycloak.RealmReader;
import dev.ferry.stores.keycloak.RealmSecrets;
import dev.ferry.common.ConfigException;
import dev.ferry.common.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the store "keycloak": realm.json (masks left out, service-account users kept), users.jsonl, left-out.json,
 * and with an offline export also offline-export.json and crosscheck.json.
 */
public final class KeycloakExporter {
    private final KeycloakConfig config;

    public KeycloakExporter(KeycloakConfig config) {
        this.config = config;
    }

    /**
     * What was carried; {@code userDigests} (id → digest of the user as read) and {@code groupsDigest} let the freeze
     * guard tell whether users or groups moved while the rest was read.
     */
    public record Result(long users, long groups, long memberships, long passwordResets, long webauthnUsers,
            long offlineUsers, int crosscheckDifferences, long bytes, Map<String, String> userDigests, String groupsDigest,
            long serviceAccounts, List<LeftOut> leftOut) {
        public Result {
            leftOut = List.copyOf(leftOut);
        }
    }

    /** The users (id → digest) and the group tree's digest, read now: what the freeze guard compares. */
    public record Reading(Map<String, String> userDigests, String groupsDigest) {
    }

    /**
     * Reads the users and groups again, digesting them as {@link #export} did. A user's digest covers its credentials'
     * ids and creation dates, which users.jsonl does not carry: a password reset on the Source gives the password
     * credential a new creation date (docs/reference/keycloak.md §11), so a password changed while the export ran is
     * seen too.
     */
    public Reading readAgain() {
        try (KeycloakClient client = KeycloakClient.connect(config)) {
            try {
                RealmReader reader = new RealmReader(client);
                Map<String, String> users = new HashMap<>();
                reader.forEachUserWithCredentialMetadata(u -> users.put(u.path("id").asText(), KeycloakJson.digest(u)));
                return new Reading(users, KeycloakJson.digest(RealmReader.groupsJson(reader.groups())));
            } catch (RuntimeException e) {
                if (e instanceof dev.ferry.common.FerryException fe) {
                    throw fe;
                }
                throw client.translate(e);
            }
        }
    }

    public Result export(StoreWriter store, Progress progress, OfflineRealmExport offline) {
        try (KeycloakClient client = KeycloakClient.connect(config)) {
            try {
                return exportIn(new RealmReader(client), store, progress, offline);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                if (e instanceof dev.ferry.common.FerryException fe) {
                    throw fe;
                }
                throw client.translate(e);
            }
        }
    }

    private Result exportIn(RealmReader reader, StoreWriter store, Progress progress, OfflineRealmExport offline)
            throws IOException {
        long bytes = 0;
        Carried cleaned = carried(reader.readRealm(), offline);
        ObjectNode realm = cleaned.realm();
        long groups = RealmReader.countGroups(realm.path("groups"));
        String groupsDigest = KeycloakJson.digest(realm.path("groups"));
        Map<String, String> digests = new HashMap<>();
        try (EntryOutputStream e = store.newEntry(RealmEntries.REALM)) {
            byte[] b = KeycloakJson.MAPPER.writeValueAsBytes(realm);
            e.write(b);
            bytes += b.length;
            e.count(CountNames.GROUPS, groups);
            e.count(CountNames.CLIENTS, realm.path("clients").size());
            e.count(CountNames.ROLES, RealmReader.countRoles(realm));
        }
        Map<String, JsonNode> offlineUsers = offline == null ? Map.of() : offline.usersById();
        Map<String, List<String>> apiPaths = new HashMap<>();
        Map<String, String> apiNames = new HashMap<>();
        long[] n = new long[4]; // users, memberships, resets, webauthn
        try (EntryOutputStream e = store.newEntry(RealmEntries.USERS);
                Progress.Task task = progress.start(StoreKind.KEYCLOAK.label(), CountNames.USERS, reader.userCount(), CountNames.USERS)) {
            OutputStream out = e;
            reader.forEachUserWithCredentialMetadata(user -> {
                String id = user.path("id").asText();
                digests.put(id, KeycloakJson.digest(user));
                user.remove("ferryCredentials"); // for the freeze guard's digest only: users.jsonl keeps its form
                JsonNode off = offlineUsers.get(id);
                boolean carried = off != null && OfflineRealmExport.carriesPasswordHash(off);
                user.put("ferryPasswordCarried", carried);
                List<String> paths = new ArrayList<>();
                user.path("groups").forEach(g -> paths.add(g.asText()));
                apiPaths.put(id, paths);
                apiNames.put(id, user.path("username").asText());
                n[0]++;
                n[1] += paths.size();
                n[2] += carried ? 0 : 1;
                n[3] += user.path("ferryNeedsWebAuthnReenrolment").asBoolean() ? 1 : 0;
                try {
                    byte[] line = (KeycloakJson.MAPPER.writeValueAsString(user) + "\n").getBytes(StandardCharsets.UTF_8);
                    out.write(line);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                task.advance(1);
            });
            e.count(CountNames.USERS, n[0]);
            e.count(CountNames.MEMBERSHIPS, n[1]);
            e.count(CountNames.USERS_PASSWORD_RESET, n[2]);
            e.count(CountNames.USERS_WEBAUTHN, n[3]);
        }
        try (EntryOutputStream e = store.newEntry(RealmEntries.LEFT_OUT)) {
            LeftOutValues.write(cleaned.leftOut(), e);
        }
        int differences = 0;
        if (offline != null) {
            try (EntryOutputStream e = store.newEntry(RealmEntries.OFFLINE_EXPORT)) {
                KeycloakJson.MAPPER.writeValue(new NonClosingOutputStream(e), offline.realm());
                e.count(CountNames.OFFLINE_USERS, offlineUsers.size());
            }
            ObjectNode check = crosscheck(apiPaths, apiNames, offlineUsers);
            differences = check.path("missingFromOffline").size() + check.path("missingFromApi").size()
                    + check.path("membershipDifferences").size();
            try (EntryOutputStream e = store.newEntry(RealmEntries.CROSSCHECK)) {
                KeycloakJson.MAPPER.writeValue(new NonClosingOutputStream(e), check);
            }
        }
        return new Result(n[0], groups, n[1], n[2], n[3], offlineUsers.size(), differences, bytes, Map.copyOf(digests), groupsDigest,
                realm.path("users").size(), cleaned.leftOut());
    }

    /** realm.json as carried, and what it does not carry (left-out.json). */
    public record Carried(ObjectNode realm, List<LeftOut> leftOut) {
    }

    /**
     * The realm read without the Admin API's masks (docs/reference/keycloak-paths.md §6): masked values and the key
     * providers holding a masked key are left out and listed; a mask Ferry cannot leave out safely stops the export.
     * With an offline export the load takes every secret from it, so nothing is listed and nothing refused; a mask in
     * the offline export itself (a partial export given as one) is refused.
     */
    public static Carried carried(ObjectNode read, OfflineRealmExport offline) {
        MaskedValues.Cleaned cleaned = MaskedValues.leaveOut(read);
        if (offline != null) {
            List<RealmSecrets.Secret> masked = MaskedValues.find(offline.realm());
            if (!masked.isEmpty()) {
                throw new ConfigException("--keycloak-realm-file " + offline.source() + " holds " + masked.size()
                        + " value(s) masked as the Admin API masks them (" + masked.get(0).describe() + " …): it is not the output of kc.sh export",
                        "Give the file or directory written by 'kc.sh export' on the Keycloak host (docs/operator-guide-source.md).");
            }
            return new Carried(cleaned.realm(), List.of());
        }
        if (!cleaned.refused().isEmpty()) {
            throw new StoreException(cleaned.refusal(), MaskedValues.Cleaned.refusalFix());
        }
        return new Carried(cleaned.realm(), cleaned.leftOut());
    }

    /**
     * Differences between the API read and the offline export: users on one side only, and users whose group paths
     * differ. Names here go only into the encrypted bundle and the operator's own terminal.
     */
    static ObjectNode crosscheck(Map<String, List<String>> apiPaths, Map<String, String> apiNames,
            Map<String, JsonNode> offlineUsers) {
        ObjectNode check = KeycloakJson.MAPPER.createObjectNode();
        ArrayNode missingFromOffline = check.putArray("missingFromOffline");
        ArrayNode missingFromApi = check.putArray("missingFromApi");
        ArrayNode memberships = check.putArray("membershipDifferences");
        for (String id : new TreeSet<>(apiPaths.keySet())) {
            JsonNode off = offlineUsers.get(id);
            if (off == null) {
                missingFromOffline.addObject().put("id", id).put("username", apiNames.get(id));
                continue;
            }
            Set<String> api = new TreeSet<>(apiPaths.get(id));
            Set<String> file = new TreeSet<>(OfflineRealmExport.groupPaths(off));
            if (!api.equals(file)) {
                ObjectNode d = memberships.addObject().put("id", id).put("username", apiNames.get(id));
                d.set("api", KeycloakJson.MAPPER.valueToTree(api));
                d.set("offline", KeycloakJson.MAPPER.valueToTree(file));
            }
        }
        Set<String> apiIds = new HashSet<>(apiPaths.keySet());
        for (String id : new TreeSet<>(offlineUsers.keySet())) {
            if (!apiIds.contains(id)) {
                missingFromApi.addObject().put("id", id).put("username", offlineUsers.get(id).path("username").asText());
            }
        }
        return check;
    }
}
