package dev.ferry.stores.config;

/** The {@code keycloak:} section: the server, the realm to read or write, and the admin credentials. */
public record KeycloakConfig(String url, String realm, KeycloakAuth auth) implements ConfigSection {
    @Override
    public void validate(ConfigKeys keys) {
        keys.require(url, "url");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw keys.invalid("url", "is not an http(s) URL: " + url, "Write the server's base URL, e.g. https://sso.example.org.");
        }
        keys.require(realm, "realm");
        keys.require(auth, "auth");
        auth.validate(keys.at("auth"));
    }
}
