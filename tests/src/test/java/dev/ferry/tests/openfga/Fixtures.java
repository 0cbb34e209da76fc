package dev.ferry.tests.openfga;

/** The contract's fixture model M (docs/reference/openfga-contract.md §10) and small request builders. */
final class Fixtures {
    static final String MODEL_M = """
            {"schema_version":"1.1","type_definitions":[
              {"type":"user"},
              {"type":"group","relations":{"member":{"this":{}}},
               "metadata":{"relations":{"member":{"directly_related_user_types":[{"type":"user"}]}}}},
              {"type":"document","relations":{"viewer":{"this":{}},"editor":{"this":{}},"restricted":{"this":{}}},
               "metadata":{"relations":{
                 "viewer":{"directly_related_user_types":[{"type":"user"},{"type":"user","wildcard":{}},
                                                          {"type":"group","relation":"member"}]},
                 "editor":{"directly_related_user_types":[{"type":"user"}]},
                 "restricted":{"directly_related_user_types":[{"type":"user","condition":"in_range"}]}}}}],
             "conditions":{"in_range":{"name":"in_range","expression":"x < 10",
                                       "parameters":{"x":{"type_name":"TYPE_NAME_INT"}}}}}
            """;

    static final String ULID = "^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$";
    static final String UNKNOWN_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

    private Fixtures() {
    }

    static String key(String object, String relation, String user) {
        return "{\"object\":\"" + object + "\",\"relation\":\"" + relation + "\",\"user\":\"" + user + "\"}";
    }

    static String writes(String... keys) {
        return "{\"writes\":{\"tuple_keys\":[" + String.join(",", keys) + "]}}";
    }

    static String writesWith(String option, String... keys) {
        return "{\"writes\":{\"tuple_keys\":[" + String.join(",", keys) + "],\"on_duplicate\":\"" + option + "\"}}";
    }

    static String deletes(String... keys) {
        return "{\"deletes\":{\"tuple_keys\":[" + String.join(",", keys) + "]}}";
    }
}
