package dev.ferry.importer.openfga;

import com.fasterxml.jackson.databind.JsonNode;

/** One tuple of tuples.jsonl. {@code condition} is null or {"name", "context"}. */
public record Tuple(String user, String relation, String object, JsonNode condition) {
    static Tuple of(JsonNode line) {
        JsonNode c = line.get("condition");
        return new Tuple(line.path("user").asText(), line.path("relation").asText(), line.path("object").asText(),
                c == null || c.isNull() ? null : c);
    }

    /** The identity OpenFGA uses: one tuple per object#relation@user, whatever its condition. */
    public String key() {
        return object + "#" + relation + "@" + user;
    }

    Tuple withUser(String newUser) {
        return new Tuple(newUser, relation, object, condition);
    }
}
