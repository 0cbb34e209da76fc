package dev.ferry.stores.config;

/**
 * Admin credentials, one of two forms: a confidential client with the realm-management roles
 * ({@code clientId} + {@code clientSecret}), or an admin user ({@code username} + {@code password}) through admin-cli.
 * {@code realm} is where those credentials live: "master" unless said otherwise.
 */
public record KeycloakAuth(String realm, String clientId, Secret clientSecret, String username, Secret password)
        implements ConfigSection {
    public KeycloakAuth {
        realm = realm == null || realm.isBlank() ? "master" : realm;
    }

    public boolean isClientCredentials() {
        return clientId != null;
    }

    @Override
    public void validate(ConfigKeys keys) {
        boolean client = clientId != null || clientSecret != null;
        boolean user = username != null || password != null;
        if (client == user) {
            throw new dev.ferry.common.ConfigException(keys.fileName() + ": '" + keys.prefix()
                    + "' needs exactly one form of credentials: clientId + clientSecret, or username + password",
                    "Keep one pair under " + keys.prefix() + " (see " + keys.example() + ").");
        }
        if (client) {
            keys.require(clientId, "clientId");
            keys.require(clientSecret, "clientSecret");
        } else {
            keys.require(username, "username");
            keys.require(password, "password");
        }
    }

    /** A short description for messages, never the secret: "client 'ferry'" or "user 'admin'". */
    public String describe() {
        return isClientCredentials() ? "client '" + clientId + "'" : "user '" + username + "'";
    }
}
