package dev.ferry.tests.e2e.load;

import static dev.ferry.tests.e2e.load.StoreContents.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.exporter.cli.ExportCli;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.e2e.fixture.TestKeys;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.KeaTeam;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.KeycloakEndpoint;
import dev.ferry.tests.harness.PostgresEndpoint;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import dev.ferry.tests.rehearsal.SourceYaml;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The freeze's Keycloak sync against two real Keycloak 26.4 servers, on the offline path (a {@code kc.sh export} of the
 * Source realm in both passes, so password hashes travel). After the first pass is loaded, the Source changes during
 * the window: a new user in a new group, a deleted user, a deleted team, a changed membership and client role, a
 * changed attribute, and a changed password; the Target meanwhile gets a user and a group of its own. The freeze
 * bundle's load refuses a Target whose carried users changed, lists the changes in its dry run, and then makes every
 * carried user and group equal the Source's, ids kept, while the Target's own user and group stay. The user whose
 * password changed logs in on the Target with the new password, through the password grant of the Target realm's
 * token endpoint, and no longer with the old one.
 */
@ExtendWith(StoresExtension.class)
class KeycloakDeltaSyncTest {
    private static final SeedNames NAMES = new SeedNames("kcdelta", "kc-delta", "kcdelta");
    private static final String STORES = "keycloak,objects";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEW_PASSWORD = "Window-Pass-42";

    @TempDir
    Path dir;

    @Test
    void theFreezeLoadSyncsUsersGroupsAndPasswordsKeepingIdsAndTheTargetsOwnData(Stores stores) throws Exception {
        KeaDataset dataset = KeaGenerator.generate(Profile.small(), 12_012L);
        StoreSet s = stores.source();
        PostgresEndpoint sourceDb = stores.createDatabase(Role.SOURCE, "kc_delta_src");
        StoreSet source = new StoreSet(Role.SOURCE, sourceDb, s.keycloak(), s.openfga(), s.s3());
        KeaSeeder.seed(dataset, source, NAMES);
        TestKeys keys = TestKeys.generate(dir, "k");

        Path base = export(stores, source, keys, "pass1", "--live");
        TargetFixture first = new TargetFixture(stores, NAMES.realm(), Map.of(), keys, base, dir.resolve("target"));
        LoadRun load1 = first.load("--stores", STORES);
        assertEquals(0, load1.exitCode(), load1.all());

        KeycloakEndpoint targetKc = stores.target().keycloak();
        try (Keycloak src = admin(source.keycloak()); Keycloak tgt = admin(targetKc)) {
            RealmResource sr = src.realm(NAMES.realm());
            RealmResource tr = tgt.realm(NAMES.realm());

            // The Target's own user and group, which no bundle carries: the sync leaves them alone.
            String targetOnlyUser = created(tr.users().create(user("target-only-operator", "ops@target.test")));
            String targetOnlyGroup = created(tr.groups().add(group("target-only-ops")));

            // The window on the Source.
            List<KeaTeam> teams = dataset.teams();
            KeaTeam removedTeam = teams.get(teams.size() - 1);
            List<KeaUser> plain = dataset.users().stream().filter(u -> !u.hasTotp() && u.password() != null && u.webAuthn() == null)
                    .sorted(Comparator.comparing(KeaUser::username)).toList();
            KeaUser moved = plain.stream().filter(u -> u.teamIds().stream().anyMatch(t -> !t.equals(removedTeam.id()))).findFirst()
                    .orElseThrow();
            KeaUser attributed = plain.stream().filter(u -> u != moved && !u.attributes().isEmpty()).findFirst().orElseThrow();
            KeaUser rekeyed = plain.stream().filter(u -> u != moved && u != attributed).findFirst().orElseThrow();
            KeaUser removed = plain.stream().filter(u -> u != moved && u != attributed && u != rekeyed).findFirst().orElseThrow();

            String leftTeam = moved.teamIds().stream().filter(t -> !t.equals(removedTeam.id())).findFirst().orElseThrow();
            sr.users().get(moved.id()).leaveGroup(leftTeam);
            teams.stream().map(KeaTeam::id).filter(t -> !t.equals(removedTeam.id()) && !moved.teamIds().contains(t)).findFirst()
                    .ifPresent(t -> sr.users().get(moved.id()).joinGroup(t));
            String appClient = sr.clients().findByClientId("app").get(0).getId();
            List<RoleRepresentation> granted = sr.clients().get(appClient).roles().list().stream()
                    .filter(r -> !moved.appRoles().contains(r.getName())).limit(1).toList();
            if (granted.isEmpty()) {
                sr.users().get(moved.id()).roles().clientLevel(appClient).remove(List.of(sr.clients().get(appClient).roles().get("viewer").toRepresentation()));
            } else {
                sr.users().get(moved.id()).roles().clientLevel(appClient).add(granted);
            }
            UserRepresentation a = sr.users().get(attributed.id()).toRepresentation();
            String attribute = attributed.attributes().keySet().iterator().next();
            a.getAttributes().put(attribute, List.of("changed in the window"));
            sr.users().get(attributed.id()).update(a);
            sr.users().get(rekeyed.id()).resetPassword(password(NEW_PASSWORD));
            sr.users().get(removed.id()).remove();
            sr.groups().group(removedTeam.id()).remove();
            String windowTeam = created(sr.groups().add(group("window-team")));
            UserRepresentation newcomer = user("window-newcomer", "newcomer@source.test");
            newcomer.setCredentials(List.of(password("Newcomer-Pass-7")));
            String newcomerId = created(sr.users().create(newcomer));
            sr.users().get(newcomerId).joinGroup(windowTeam);
            sr.users().get(newcomerId).joinGroup(leftTeam);

            Path delta = export(stores, source, keys, "pass2", "--since", base.toString(), "--safety-margin", "0s");
            TargetFixture second = first.withBundle(delta);

            // A carried user changed on the Target behind Ferry's back: refused, naming the user, and nothing written.
            KeaUser intruded = plain.stream().filter(u -> u != moved && u != attributed && u != rekeyed && u != removed).findFirst().orElseThrow();
            UserRepresentation before = tr.users().get(intruded.id()).toRepresentation();
            UserRepresentation changed = tr.users().get(intruded.id()).toRepresentation();
            changed.setFirstName("Changed on the Target");
            tr.users().get(intruded.id()).update(changed);
            LoadRun refused = second.load("--stores", STORES);
            assertNotEquals(0, refused.exitCode(), refused.all());
            assertTrue(refused.err().contains("the Target Keycloak realm changed since bundle")
                    && refused.err().contains("user '" + intruded.username() + "' (profile)"), refused.err());
            assertTrue(tr.users().search("window-newcomer", true).isEmpty(), "the refused load created nobody");
            assertTrue(tr.groups().groups("window-team", 0, 10).isEmpty(), "the refused load created no group");
            tr.users().get(intruded.id()).update(before);

            // The sets the sync must reach: every Source user's direct groups.
            Map<String, Set<String>> sourceGroups = groupsOfEveryUser(sr);
            Set<String> expectChanged = new TreeSet<>(List.of(moved.username(), attributed.username(), rekeyed.username()));
            dataset.users().stream().filter(u -> u.teamIds().contains(removedTeam.id()) && u != removed).forEach(u -> expectChanged.add(u.username()));

            LoadRun dry = second.load("--stores", STORES, "--dry-run", "--json");
            assertEquals(0, dry.exitCode(), dry.all());
            JsonNode planned = keycloak(JSON.readTree(dry.out()));
            assertEquals(1, planned.at("/counts/users:added").asLong(), dry.out());
            assertEquals(1, planned.at("/counts/users:removed").asLong(), dry.out());
            assertEquals(expectChanged.size(), planned.at("/counts/users:changed").asLong(), dry.out() + " expected " + expectChanged);
            assertEquals(1, planned.at("/counts/groups:added").asLong(), dry.out());
            assertEquals(1, planned.at("/counts/groups:removed").asLong(), dry.out());
            assertEquals(1, planned.at("/counts/passwords:changed").asLong(), "only the changed password is re-set: " + dry.out());
            assertTrue(notice(planned, "users added").contains("window-newcomer"), dry.out());
            assertTrue(notice(planned, "users removed (deleted on the Source)").contains(removed.username()), dry.out());
            assertTrue(notice(planned, "users changed (what changed)").contains(rekeyed.username() + ": password"), dry.out());
            assertTrue(notice(planned, "groups removed (deleted on the Source)").contains(removedTeam.path()), dry.out());
            LoadRun dryText = second.load("--stores", STORES, "--dry-run");
            assertTrue(dryText.out().contains("users added (1):") && dryText.out().contains("window-newcomer"), dryText.out());
            assertTrue(tr.users().search("window-newcomer", true).isEmpty(), "the dry run created nobody");

            String credentialBefore = passwordCredential(tr.users().get(rekeyed.id())).getId();

            LoadRun load2 = second.load("--stores", STORES, "--json");
            assertEquals(0, load2.exitCode(), load2.all());
            JsonNode loaded = keycloak(JSON.readTree(load2.out()));
            assertEquals(expectChanged.size(), loaded.at("/counts/users:changed").asLong(), load2.out());
            assertEquals(1, loaded.at("/counts/users:removed").asLong(), load2.out());

            // Every carried user and group now equals the Source's, ids kept.
            assertEquals(sourceGroups, groupsOfEveryUser(tr), "every user's direct groups, by id");
            assertEquals(ids(sr.groups().groups()), ids(tr.groups().groups()).stream().filter(g -> !g.equals(targetOnlyGroup))
                    .collect(Collectors.toCollection(TreeSet::new)), "root groups (teams) by id");
            assertThrows(NotFoundException.class, () -> tr.users().get(removed.id()).toRepresentation(), "the removed user is gone");
            assertThrows(NotFoundException.class, () -> tr.groups().group(removedTeam.id()).toRepresentation(), "the removed team is gone");
            assertEquals("window-newcomer", tr.users().get(newcomerId).toRepresentation().getUsername(), "the new user kept its id");
            assertEquals(List.of("changed in the window"), tr.users().get(attributed.id()).toRepresentation().getAttributes().get(attribute));
            assertEquals(clientRoles(sr.users().get(moved.id()), appClient), clientRoles(tr.users().get(moved.id()),
                    tr.clients().findByClientId("app").get(0).getId()), "the changed client role mapping");
            assertEquals(clientRoles(sr.users().get(rekeyed.id()), appClient), clientRoles(tr.users().get(rekeyed.id()),
                    tr.clients().findByClientId("app").get(0).getId()), "the re-keyed user kept its client roles");
            assertEquals(realmRoles(sr.users().get(rekeyed.id())), realmRoles(tr.users().get(rekeyed.id())), "and its realm roles");
            // The new hash went onto the user's existing password credential (same id), with the Source's date.
            CredentialRepresentation after = passwordCredential(tr.users().get(rekeyed.id()));
            assertEquals(credentialBefore, after.getId(), "the password credential kept its id");
            assertEquals(passwordCredential(sr.users().get(rekeyed.id())).getCreatedDate(), after.getCreatedDate());
            // The Target's own user and group stay.
            assertEquals("target-only-operator", tr.users().get(targetOnlyUser).toRepresentation().getUsername());
            assertEquals("target-only-ops", tr.groups().group(targetOnlyGroup).toRepresentation().getName());

            // Logins on the Target realm's token endpoint (password grant): the new password works, the old one not.
            String realm = NAMES.realm();
            assertTrue(logsIn(targetKc, realm, rekeyed.username(), NEW_PASSWORD), "the password changed in the window works on the Target");
            assertFalse(logsIn(targetKc, realm, rekeyed.username(), rekeyed.password()), "the old password no longer works");
            assertTrue(logsIn(targetKc, realm, "window-newcomer", "Newcomer-Pass-7"), "the new user logs in with its Source password");
            assertTrue(logsIn(targetKc, realm, moved.username(), moved.password()), "an unchanged password still works");
        }

        // Loading the freeze bundle again changes nothing.
        LoadRun again = first.withBundle(lastBundle("pass2")).load("--stores", STORES);
        assertEquals(0, again.exitCode(), again.all());
        assertTrue(again.out().contains("was already loaded"), again.all());
    }

    /**
     * kill -9 in the middle of the Keycloak sync (every user changed on the Source, a user and a group deleted, a
     * group added), then --resume: the realm ends as after an uninterrupted sync, equal to the Source's. API path: no
     * password travels, and the summary says so.
     */
    @Test
    void aKeycloakSyncKilledMidwayAndResumedEndsLikeAnUninterruptedOne(Stores stores) throws Exception {
        SeedNames names = new SeedNames("kckill", "kc-kill", "kckill");
        KeaDataset dataset = KeaGenerator.generate(Profile.small(), 12_013L);
        StoreSet s = stores.source();
        StoreSet source = new StoreSet(Role.SOURCE, stores.createDatabase(Role.SOURCE, "kc_kill_src"), s.keycloak(), s.openfga(), s.s3());
        KeaSeeder.seed(dataset, source, names);
        TestKeys keys = TestKeys.generate(dir, "k");
        Path base = export(stores, source, keys, names, "kill1", false, "--live");
        TargetFixture first = new TargetFixture(stores, names.realm(), Map.of(), keys, base, dir.resolve("target"));
        LoadRun load1 = first.load("--stores", STORES);
        assertEquals(0, load1.exitCode(), load1.all());

        try (Keycloak src = admin(source.keycloak()); Keycloak tgt = admin(stores.target().keycloak())) {
            RealmResource sr = src.realm(names.realm());
            RealmResource tr = tgt.realm(names.realm());
            for (KeaUser u : dataset.users()) {
                UserRepresentation r = sr.users().get(u.id()).toRepresentation();
                Map<String, List<String>> attributes = r.getAttributes() == null ? new TreeMap<>() : new TreeMap<>(r.getAttributes());
                attributes.put("window", List.of("changed " + u.username()));
                r.setAttributes(attributes);
                sr.users().get(u.id()).update(r);
            }
            KeaUser removed = dataset.users().get(dataset.users().size() - 1);
            sr.users().get(removed.id()).remove();
            sr.groups().group(dataset.teams().get(dataset.teams().size() - 1).id()).remove();
            created(sr.groups().add(group("window-team")));

            Path delta = export(stores, source, keys, names, "kill2", false, "--since", base.toString(), "--safety-margin", "0s");
            TargetFixture second = first.withBundle(delta);
            String deltaId = JSON.readTree(delta.resolve("manifest.json").toFile()).path("bundleId").asText();
            Path journal = second.stateDir.resolve(deltaId + ".journal.json");
            Path log = dir.resolve("killed.log");
            Process p = second.startJar(log, "--stores", STORES);
            boolean killedMidway = false;
            while (p.isAlive()) {
                JsonNode j = null;
                try {
                    j = Files.exists(journal) ? JSON.readTree(journal.toFile()) : null;
                } catch (java.io.IOException e) {
                    // being renamed into place
                }
                if (j != null && started(j, "keycloak.sync")) {
                    p.destroyForcibly();
                    killedMidway = true;
                    break;
                }
                Thread.sleep(5);
            }
            p.waitFor();
            assertTrue(killedMidway, "the load was killed during the Keycloak sync; its output:\n" + Files.readString(log));

            LoadRun plain = second.load("--stores", STORES);
            assertEquals(2, plain.exitCode(), plain.all());
            assertTrue(plain.err().contains("--resume"), plain.err());
            LoadRun resumed = second.load("--stores", STORES, "--resume", "--json");
            assertEquals(0, resumed.exitCode(), resumed.all());
            JsonNode kc = keycloak(JSON.readTree(resumed.out()));
            assertTrue(kc.at("/outputs/passwords").asText().startsWith("not synced"), kc.toString());

            assertEquals(realmState(sr), realmState(tr), "every user's username, attributes and groups, by id");
            assertEquals(ids(sr.groups().groups()), ids(tr.groups().groups()), "root groups by id");
            assertThrows(NotFoundException.class, () -> tr.users().get(removed.id()).toRepresentation());
            LoadRun again = second.load("--stores", STORES);
            assertTrue(again.out().contains("was already loaded"), again.all());
        }
    }

    private static Map<String, List<Object>> realmState(RealmResource realm) {
        Map<String, List<Object>> out = new TreeMap<>();
        for (UserRepresentation u : realm.users().list(0, 1000)) {
            UserRepresentation full = realm.users().get(u.getId()).toRepresentation();
            out.put(u.getId(), List.of(full.getUsername(), new TreeMap<>(full.getAttributes() == null ? Map.of() : full.getAttributes()),
                    realm.users().get(u.getId()).groups().stream().map(GroupRepresentation::getId).collect(Collectors.toCollection(TreeSet::new))));
        }
        return out;
    }

    private static CredentialRepresentation passwordCredential(UserResource user) {
        return user.credentials().stream().filter(c -> CredentialRepresentation.PASSWORD.equals(c.getType())).findFirst().orElseThrow();
    }

    private Path lastBundle(String pass) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve(pass))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ferry")).findFirst().orElseThrow();
        }
    }

    private static boolean logsIn(KeycloakEndpoint kc, String realm, String username, String password) {
        try (Keycloak asUser = Keycloak.getInstance(kc.url(), realm, username, password, "admin-cli")) {
            return !asUser.tokenManager().getAccessTokenString().isEmpty();
        } catch (NotAuthorizedException | jakarta.ws.rs.BadRequestException e) {
            return false;
        }
    }

    private static Map<String, Set<String>> groupsOfEveryUser(RealmResource realm) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (UserRepresentation u : realm.users().list(0, 1000)) {
            if (u.getUsername().startsWith("target-only")) {
                continue;
            }
            out.put(u.getId(), realm.users().get(u.getId()).groups().stream().map(GroupRepresentation::getId)
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return out;
    }

    private static Set<String> clientRoles(UserResource user, String clientId) {
        return user.roles().clientLevel(clientId).listAll().stream().map(RoleRepresentation::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> realmRoles(UserResource user) {
        List<RoleRepresentation> roles = user.roles().getAll().getRealmMappings();
        return roles == null ? Set.of() : roles.stream().map(RoleRepresentation::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> ids(List<GroupRepresentation> groups) {
        return groups.stream().map(GroupRepresentation::getId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String notice(JsonNode store, String title) {
        for (JsonNode n : store.path("notices")) {
            if (n.path("title").asText().equals(title)) {
                return n.path("items").toString();
            }
        }
        return "";
    }

    private static JsonNode keycloak(JsonNode summary) {
        for (JsonNode s : summary.path("stores")) {
            if (s.path("store").asText().equalsIgnoreCase("keycloak")) {
                return s;
            }
        }
        throw new AssertionError("no keycloak store in " + summary);
    }

    private static Keycloak admin(KeycloakEndpoint kc) {
        return Keycloak.getInstance(kc.url(), "master", kc.adminUser(), kc.adminPassword(), "admin-cli");
    }

    private static String created(Response r) {
        try (r) {
            assertEquals(201, r.getStatus(), "created");
            String location = r.getLocation().getPath();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    private static UserRepresentation user(String username, String email) {
        UserRepresentation u = new UserRepresentation();
        u.setUsername(username);
        u.setEmail(email);
        u.setFirstName("Window");
        u.setLastName("User");
        u.setEnabled(true);
        u.setEmailVerified(true);
        return u;
    }

    private static GroupRepresentation group(String name) {
        GroupRepresentation g = new GroupRepresentation();
        g.setName(name);
        return g;
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType(CredentialRepresentation.PASSWORD);
        c.setValue(value);
        c.setTemporary(false);
        return c;
    }

    /** ferry-export run of the Source's Keycloak and objects, with a fresh kc.sh export of the realm (hashes travel). */
    private Path export(Stores stores, StoreSet source, TestKeys keys, String pass, String... extra) throws Exception {
        return export(stores, source, keys, NAMES, pass, true, extra);
    }

    /** ferry-export run of the Source's Keycloak and objects, with a fresh kc.sh export of the realm when {@code offline}. */
    private Path export(Stores stores, StoreSet source, TestKeys keys, SeedNames names, String pass, boolean offline, String... extra)
            throws Exception {
        Path cfg = Files.createDirectories(dir.resolve("source-" + pass));
        Path secrets = cfg.resolve("secrets");
        Path yaml = SourceYaml.write(cfg.resolve("source.yaml"), secrets, source, "keycloak delta", names.realm(), names.openFgaStore(),
                names.bucketPrefix());
        Path out = dir.resolve(pass);
        List<String> args = new ArrayList<>(List.of("run", "--config", yaml.toString(), "--stores", STORES, "--recipient",
                keys.recipientPublic().toString(), "--signing-key", keys.signerSecret().toString(), "--out", out.toString(), "--json"));
        Path realmFile = offline ? stores.keycloakOfflineExport(Role.SOURCE, names.realm(), secrets.resolve("realm.json")) : null;
        if (realmFile != null) {
            args.addAll(List.of("--keycloak-realm-file", realmFile.toString()));
        }
        args.addAll(List.of(extra));
        LoadRun r = TargetFixture.runInProcess("ferry-export", new ExportCli(), args);
        if (realmFile != null) {
            // The offline export holds password hashes in clear: it goes as soon as the bundle is written.
            Files.delete(realmFile);
        }
        assertEquals(0, r.exitCode(), r.all());
        return lastBundle(pass);
    }
}
