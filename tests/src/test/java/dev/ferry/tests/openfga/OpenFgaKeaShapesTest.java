package dev.ferry.tests.openfga;

import static dev.ferry.tests.openfga.Fixtures.key;
import static dev.ferry.tests.openfga.Fixtures.writes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A model shaped like kea's (docs/reference/fred-stores.md §3.1: unions, computed usersets, tuple-to-userset, a typed
 * wildcard) is accepted, every persisted tuple shape writes, and Check follows the rewrites.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenFgaKeaShapesTest {
    private static final String THIS = "{\"this\":{}}";
    private static final String KEA_LIKE_MODEL = """
            {"schema_version":"1.1","type_definitions":[
              {"type":"user"},
              {"type":"organization","relations":{
                 "admin":%1$s,
                 "editor":{"union":{"child":[%1$s,{"computedUserset":{"relation":"admin"}}]}},
                 "viewer":{"union":{"child":[%1$s,{"computedUserset":{"relation":"editor"}}]}}},
               "metadata":{"relations":{"admin":%2$s,"editor":%2$s,"viewer":%2$s}}},
              {"type":"team","relations":{
                 "organization":%1$s,
                 "owner":{"union":{"child":[%1$s,{"tupleToUserset":{"tupleset":{"relation":"organization"},
                                                          "computedUserset":{"relation":"admin"}}}]}},
                 "manager":{"union":{"child":[%1$s,{"computedUserset":{"relation":"owner"}}]}},
                 "member":{"union":{"child":[%1$s,{"computedUserset":{"relation":"manager"}}]}},
                 "public":%1$s,
                 "can_update_agents":{"computedUserset":{"relation":"manager"}}},
               "metadata":{"relations":{"organization":{"directly_related_user_types":[{"type":"organization"}]},
                 "owner":%2$s,"manager":%2$s,"member":%2$s,
                 "public":{"directly_related_user_types":[{"type":"user","wildcard":{}}]}}}},
              {"type":"agent","relations":{
                 "owner":%1$s,
                 "read":{"union":{"child":[{"computedUserset":{"relation":"owner"}},
                   {"tupleToUserset":{"tupleset":{"relation":"owner"},"computedUserset":{"relation":"member"}}}]}}},
               "metadata":{"relations":{"owner":%3$s}}},
              {"type":"tag","relations":{
                 "owner":%1$s,"editor":%1$s,"viewer":%1$s,"parent":%1$s,
                 "read":{"union":{"child":[{"computedUserset":{"relation":"viewer"}},
                   {"computedUserset":{"relation":"owner"}},
                   {"tupleToUserset":{"tupleset":{"relation":"owner"},"computedUserset":{"relation":"member"}}},
                   {"tupleToUserset":{"tupleset":{"relation":"parent"},"computedUserset":{"relation":"read"}}}]}}},
               "metadata":{"relations":{"owner":%3$s,"editor":%3$s,"viewer":%3$s,
                 "parent":{"directly_related_user_types":[{"type":"tag"}]}}}},
              {"type":"document","relations":{"parent":%1$s,
                 "read":{"tupleToUserset":{"tupleset":{"relation":"parent"},"computedUserset":{"relation":"read"}}}},
               "metadata":{"relations":{"parent":{"directly_related_user_types":[{"type":"tag"}]}}}},
              {"type":"resource","relations":{"parent":%1$s},
               "metadata":{"relations":{"parent":{"directly_related_user_types":[{"type":"tag"}]}}}}]}
            """.formatted(THIS, "{\"directly_related_user_types\":[{\"type\":\"user\"}]}",
            "{\"directly_related_user_types\":[{\"type\":\"user\"},{\"type\":\"team\"}]}");

    private static final String A = "user:3f6c2a1e-9b4d-4e7a-8c21-5d0f7a9e1b42";
    private static final String B = "user:b7e4c2d1-6a5f-4e3b-9c8d-1f2a3b4c7a65";
    private static final String T = "team:6a1f3c2e-7d44-4b0a-9e15-c8b2d4f6a301";

    private OpenFgaEmulator emulator;
    private RawFga fga;

    @BeforeAll
    void start() {
        emulator = OpenFgaEmulator.start();
        fga = new RawFga(emulator.apiUrl());
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void everyKeaTupleShapeWritesAndChecksFollowRewrites() {
        String store = fga.post("/stores", "{\"name\":\"kea\"}").body().get("id").asText();
        RawFga.Reply model = fga.post("/stores/" + store + "/authorization-models", KEA_LIKE_MODEL);
        assertEquals(201, model.status(), model.body().toString());
        String agent1 = "agent:2c9e7f14-5b3a-4d61-8f02-a7e6c1d9b835";
        String agent2 = "agent:91d0b6a2-3e7c-4f19-b8a5-6c2e0d4f7a13";
        String tag = "tag:0e4b8d27-91c3-4f5a-b6d8-3a2f1e7c9d40";
        String child = "tag:5d7a1c3e-8f20-4b6d-a9e4-1c3b5d7f9e02";
        String document = "document:9f1b2c3d4e5f40718293a4b5c6d7e8f9";
        RawFga.Reply written = fga.post("/stores/" + store + "/write", writes(
                key(T, "owner", A), key(T, "member", B), key(T, "owner", "user:alice"),
                key(T, "organization", "organization:fred"), key("team:personal", "organization", "organization:fred"),
                key(T, "public", "user:*"), key(agent1, "owner", T), key(agent2, "owner", B), key(tag, "owner", T),
                key(tag, "viewer", B), key(child, "parent", tag), key(document, "parent", tag),
                key("resource:c4e8a2f6-1b3d-4a5c-9e7f-2d4b6a8c0e13", "parent", child)));
        assertEquals(200, written.status(), written.body().toString());

        assertEquals(true, check(store, T, "member", A), "member ⊇ manager ⊇ owner");
        assertEquals(true, check(store, T, "can_update_agents", A));
        assertEquals(false, check(store, T, "can_update_agents", B));
        assertEquals(true, check(store, agent1, "read", B), "member from owner (a team)");
        assertEquals(true, check(store, agent2, "read", B), "direct owner");
        assertEquals(false, check(store, agent2, "read", A));
        assertEquals(true, check(store, document, "read", A), "read from parent tag, member from its owner team");
        assertEquals(true, check(store, child, "read", B), "read from the parent tag's viewer");
        assertEquals(true, check(store, T, "public", "user:anyone"), "typed wildcard");
        assertEquals(false, check(store, "team:personal", "owner", A));
    }

    private boolean check(String store, String object, String relation, String user) {
        RawFga.Reply reply = fga.post("/stores/" + store + "/check", "{\"tuple_key\":" + key(object, relation, user) + "}");
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body().get("allowed").asBoolean();
    }
}
