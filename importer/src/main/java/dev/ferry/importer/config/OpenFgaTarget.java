package dev.ferry.importer.config;

/**
 * The Target OpenFGA server and the new store to create there.
 *
 * @param apiUrl         e.g. http://openfga.target:8080
 * @param apiToken       pre-shared key, or null when the server has no authentication
 * @param storeName      the name of the NEW store (the application finds its store by name, fred-stores.md §3.3)
 * @param usernameTuples drop or map username-form subjects
 * @param concurrency    how many write requests may be in flight at once
 */
public record OpenFgaTarget(String apiUrl, String apiToken, String storeName, UsernameTuples usernameTuples, int concurrency) {
    @Override
    public String toString() {
        return "OpenFgaTarget[" + apiUrl + ", store=" + storeName + "]";
    }
}
