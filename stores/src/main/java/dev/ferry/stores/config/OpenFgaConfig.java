package dev.ferry.stores.config;

/** The {@code openfga:} section: API URL, the store by id or name, and an optional API token (pre-shared key). */
public record OpenFgaConfig(String apiUrl, StoreRef store, Secret token) implements ConfigSection {
    @Override
    public void validate(ConfigKeys keys) {
        keys.require(apiUrl, "apiUrl");
        if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
            throw keys.invalid("apiUrl", "is not an http(s) URL: " + apiUrl, "Write the API's base URL, e.g. http://openfga:8080.");
        }
        keys.require(store, "store");
        store.validate(keys.at("store"));
    }

    /** An OpenFGA store named by id (exact) or by name (looked up, must be unique). */
    public record StoreRef(String id, String name) implements ConfigSection {
        @Override
        public void validate(ConfigKeys keys) {
            boolean hasId = id != null && !id.isBlank();
            boolean hasName = name != null && !name.isBlank();
            if (hasId == hasName) {
                throw new dev.ferry.common.ConfigException(keys.fileName() + ": '" + keys.prefix()
                        + "' needs exactly one of 'id' or 'name'", "Name the store by id (01H…) or by name (e.g. kea), not both.");
            }
        }

        public String describe() {
            return id != null ? "store id " + id : "store '" + name + "'";
        }
    }
}
