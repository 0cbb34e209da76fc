package dev.ferry.importer.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.common.ExitCode;
import dev.ferry.common.MismatchException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the load and the dry run word a refusal, and what they say a merge into a present realm leaves behind. */
class KeycloakRefusalTest {
    @Test
    void aRefusalNamesItemsAFewPerKindAndGivesEachKindsFixOnce() {
        List<ConflictFinder.Conflict> found = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            found.add(new ConflictFinder.Conflict(ConflictFinder.Kind.ID_IN_OTHER_REALM, "user id",
                    "user id u" + i + " is already used in realm 'old'"));
        }
        found.add(new ConflictFinder.Conflict(ConflictFinder.Kind.ID_IN_OTHER_REALM, "role id", "role id r1 is already used in realm 'old'"));
        found.add(new ConflictFinder.Conflict(ConflictFinder.Kind.MASKED, "masked value",
                "privateKey of key provider 'rsa-1' (rsa) (/components/x)"));
        MismatchException e = KeycloakLoader.refusal(found);

        assertEquals(ExitCode.MISMATCH, e.exitCode());
        assertTrue(e.problem().startsWith("the Target Keycloak would refuse the bundle's realm, so nothing was written (16 reason(s))"),
                e.problem());
        assertTrue(e.problem().contains("user id u9 is already used"), e.problem());
        assertFalse(e.problem().contains("user id u10 "), "ten per kind: " + e.problem());
        assertTrue(e.problem().contains("… and 4 more of the kind 'user id'"), e.problem());
        assertTrue(e.problem().contains("role id r1"), "another kind is not crowded out: " + e.problem());
        assertTrue(e.problem().contains("privateKey of key provider 'rsa-1'"), e.problem());
        assertEquals(1, e.fix().split("Ids are unique across the realms", -1).length - 1, "each kind's fix once: " + e.fix());
        assertTrue(e.fix().contains("--keycloak-realm-file"), e.fix());
    }

    @Test
    void aMergeListsWhatPartialImportLeavesBehind() throws Exception {
        JsonNode realm = new ObjectMapper().readTree(("{'components':{'org.keycloak.keys.KeyProvider':[{'name':'k'}]},"
                + "'clientScopes':[{'name':'s'}],'scopeMappings':[{'client':'web'}],"
                + "'clients':[{'clientId':'api','authorizationSettings':{'policies':[{'name':'editors','type':'role'},"
                + "{'name':'js','type':'js'}]}}]}").replace('\'', '"'));
        List<String> lost = PresentRealmLosses.of(realm);
        assertTrue(lost.stream().anyMatch(l -> l.startsWith("1 component(s)")), lost.toString());
        assertTrue(lost.stream().anyMatch(l -> l.startsWith("1 client scope(s)")), lost.toString());
        assertTrue(lost.stream().anyMatch(l -> l.startsWith("1 scope mapping(s)")), lost.toString());
        assertTrue(lost.contains("role policy 'editors' of client 'api' loses its roles (clients are imported before roles and groups)"),
                lost.toString());
        assertFalse(lost.toString().contains("'js'"), lost.toString());
    }
}
