package dev.ferry.exporter.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrosscheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode offline(String id, String username, String... groups) {
        ObjectNode u = JSON.createObjectNode().put("id", id).put("username", username);
        u.putArray("groups").addAll(List.of(groups).stream().map(JSON.getNodeFactory()::textNode).toList());
        return u;
    }

    @Test
    void listsUsersOnOneSideOnlyAndMembershipsThatDiffer() {
        Map<String, List<String>> api = Map.of("1", List.of("/a", "/b"), "2", List.of("/a"), "3", List.of());
        Map<String, String> names = Map.of("1", "alice", "2", "bob", "3", "carol");
        Map<String, JsonNode> file = Map.of("1", offline("1", "alice", "/b", "/a"), "2", offline("2", "bob", "/c"),
                "4", offline("4", "dave"));
        ObjectNode check = KeycloakExporter.crosscheck(api, names, file);
        assertEquals("[{\"id\":\"3\",\"username\":\"carol\"}]", check.get("missingFromOffline").toString());
        assertEquals("[{\"id\":\"4\",\"username\":\"dave\"}]", check.get("missingFromApi").toString());
        assertEquals("[{\"id\":\"2\",\"username\":\"bob\",\"api\":[\"/a\"],\"offline\":[\"/c\"]}]",
                check.get("membershipDifferences").toString());
    }

    @Test
    void identicalSidesGiveEmptyLists() {
        ObjectNode check = KeycloakExporter.crosscheck(Map.of("1", List.of("/a")), Map.of("1", "alice"),
                Map.of("1", offline("1", "alice", "/a")));
        assertEquals(0, check.get("missingFromOffline").size() + check.get("missingFromApi").size()
                + check.get("membershipDifferences").size());
    }

    @Test
    void aPasswordHashIsCarriedOnlyWithSecretData() throws Exception {
        assertEquals(true, OfflineRealmExport.carriesPasswordHash(JSON.readTree(
                "{\"credentials\":[{\"type\":\"password\",\"secretData\":\"{\\\"value\\\":\\\"x\\\"}\"}]}")));
        assertEquals(false, OfflineRealmExport.carriesPasswordHash(JSON.readTree(
                "{\"credentials\":[{\"type\":\"otp\",\"secretData\":\"{}\"}]}")));
        assertEquals(false, OfflineRealmExport.carriesPasswordHash(JSON.readTree("{}")));
    }
}
