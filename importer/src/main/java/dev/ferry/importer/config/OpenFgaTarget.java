package dev.ferry.importer.config;

import dev.ferry.stores.config.ConfigKeys;
import dev.ferry.stores.config.ConfigSection;
import dev.ferry.stores.config.OpenFgaConfig;
import dev.ferry.stores.config.Secret;

/**
 * The {@code openfga:} section of target.yaml.
 *
 * @param storeName      the name of the NEW store the load creates (the application finds its store by name,
 *                       fred-stores.md §3.3)
 * @param token          pre-shared key, or null when the server has no authentication
 * @param usernameTuples drop (default) or map username-form subjects through the bundle's Keycloak username→id table
 * @param concurrency    write requests in flight at once (default 4)
 */
public record OpenFgaTarget(String apiUrl, Secret token, String storeName, UsernameTuples usernameTuples, Integer concurrency)
        implements ConfigSection {
    public OpenFgaTarget {
        usernameTuples = usernameTuples == null ? UsernameTuples.DROP : usernameTuples;
        concurrency = concurrency == null ? 4 : concurrency;
        apiUrl = apiUrl != null && apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    }

    /** The new store by name, as the store client takes it (validate finds the store the load wrote through it). */
    public OpenFgaConfig connection() {
        return new OpenFgaConfig(apiUrl, new OpenFgaConfig.StoreRef(null, storeName), token);
    }

    @Override
    public void validate(ConfigKeys keys) {
        keys.require(storeName, "storeName");
        if (!storeName.matches("[a-zA-Z0-9\\s.\\-/^_&@]{3,64}")) {
            throw keys.invalid("storeName", "is not a valid OpenFGA store name: " + storeName,
                    "Use 3 to 64 letters, digits, spaces or . - / ^ _ & @ (OpenFGA's rule).");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw keys.invalid("concurrency", "must be between 1 and 64", "Use a small number such as 4.");
        }
        connection().validate(keys);
    }
}
