package dev.ferry.importer.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.importer.keycloak.KeycloakBundle;
import dev.ferry.importer.validate.realm.Expectations;
import dev.ferry.importer.validate.realm.RealmComparator;
import dev.ferry.importer.validate.realm.RealmView;
import dev.ferry.importer.validate.realm.SectionOutcome;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.keycloak.RealmReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Target realm exactly as the export read the Source ({@link RealmReader}: the realm document with its
 * service-account users, every user, plus the users' credential metadata and the key ids) and compares it with the
 * bundle section by section ({@link RealmComparator}).
 */
final class TargetRealm {
    private TargetRealm() {
    }

    /**
     * @param sections      one outcome per section, in report order
     * @param createdByLoad whether the comparison took the realm as created from the bundle
     * @param targetClients how many clients the Target realm has
     * @param targetRoles   how many realm and client roles it has
     */
    record Comparison(List<SectionOutcome> sections, boolean createdByLoad, int targetClients, int targetRoles) {
    }

    static Comparison compare(KeycloakBundle carried, KeycloakClient target) {
        RealmReader reader = new RealmReader(target);
        ObjectNode realm = reader.readRealm();
        List<JsonNode> users = new ArrayList<>();
        reader.forEachUserWithCredentialMetadata(users::add);
        RealmView targetView = RealmView.ofTarget(realm, users, reader.keys());
        RealmView bundleView = RealmView.ofBundle(carried.realm(), carried.users(), carried.offline());
        boolean created = createdByLoad(carried.realm(), realm);
        Expectations expect = created ? Expectations.created(carried.offline() != null) : Expectations.merged();
        return new Comparison(RealmComparator.compare(bundleView, targetView, expect), created, realm.path("clients").size(),
                Math.toIntExact(RealmReader.countRoles(realm)));
    }

    /**
     * Whether the load created the Target realm from the bundle, rather than merging into a realm that was there:
     * {@code POST /admin/realms} keeps the realm's id (docs/reference/keycloak-paths.md §2, §4), while a realm that
     * existed keeps its own, which no other realm can share (ids are unique in a Keycloak database). The Target itself
     * says so, so validate needs no record of the load (it may run from another machine, or after the state dir is
     * gone), and a realm created by an earlier load of the same Source and merged into since still counts as created.
     */
    static boolean createdByLoad(JsonNode bundleRealm, JsonNode targetRealm) {
        String source = bundleRealm.path("id").asText("");
        return !source.isEmpty() && source.equals(targetRealm.path("id").asText());
    }
}
