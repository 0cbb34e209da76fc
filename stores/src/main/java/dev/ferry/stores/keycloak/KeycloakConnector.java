package dev.ferry.stores.keycloak;

import dev.ferry.common.StoreException;
import dev.ferry.stores.config.KeycloakAuth;
import dev.ferry.stores.config.KeycloakConfig;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * Opens an admin session on a {@code keycloak:} section and proves it can read the realm, turning failures into a
 * StoreException that names the key to fix. The importer connects to its Target through here too.
 */
public final class KeycloakConnector {
    private KeycloakConnector() {
    }

    /** An open admin session on one realm. Close it to release the HTTP client. */
    public record Session(Keycloak client, RealmResource realm, KeycloakConfig config) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    public static Session connect(KeycloakConfig config) {
        KeycloakAuth auth = config.auth();
        KeycloakBuilder b = KeycloakBuilder.builder().serverUrl(config.url()).realm(auth.realm());
        if (auth.isClientCredentials()) {
            b.grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(auth.clientId()).clientSecret(auth.clientSecret().reveal());
        } else {
            b.grantType(OAuth2Constants.PASSWORD).clientId("admin-cli").username(auth.username()).password(auth.password().reveal());
        }
        Keycloak client = b.build();
        try {
            RealmResource realm = client.realm(config.realm());
            realm.toRepresentation();
            return new Session(client, realm, config);
        } catch (RuntimeException e) {
            client.close();
            throw translate(config, e);
        }
    }

    /** The StoreException for a failure talking to this Keycloak, naming the key the operator should check. */
    public static StoreException translate(KeycloakConfig config, RuntimeException e) {
        String at = "Keycloak at " + config.url();
        KeycloakAuth auth = config.auth();
        String keys = auth.isClientCredentials() ? "keycloak.auth.clientId/keycloak.auth.clientSecret"
                : "keycloak.auth.username/keycloak.auth.password";
        if (e instanceof NotAuthorizedException || isStatus(e, 401) || isStatus(e, 400) && tokenFailure(e)) {
            return new StoreException(at + " refused " + auth.describe() + " in realm '" + auth.realm() + "' (" + keys + ")",
                    "Check the credentials and keycloak.auth.realm (where they live: 'master' for an admin user).", e);
        }
        if (e instanceof ForbiddenException || isStatus(e, 403)) {
            return new StoreException(at + ": " + auth.describe() + " may not read realm '" + config.realm() + "'",
                    "Give it the realm-management roles view-realm, view-users, view-clients (and manage-realm for the export of realm settings).", e);
        }
        if (e instanceof NotFoundException || isStatus(e, 404)) {
            return new StoreException(at + " has no realm '" + config.realm() + "' (keycloak.realm)",
                    "Check keycloak.realm (kea uses 'app') and keycloak.url (no /auth suffix on Keycloak 17+).", e);
        }
        if (e instanceof ProcessingException && (hasCause(e, ConnectException.class) || hasCause(e, UnknownHostException.class))) {
            return new StoreException(at + " cannot be reached (keycloak.url): " + rootMessage(e),
                    "Check the host and port in keycloak.url, and that this machine can reach it.", e);
        }
        return new StoreException(at + " answered with an error: " + rootMessage(e),
                "Check keycloak.url and the server's log; re-run once the cause is fixed.", e);
    }

    private static boolean isStatus(Throwable e, int status) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException w && w.getResponse() != null && w.getResponse().getStatus() == status) {
                return true;
            }
        }
        return false;
    }

    private static boolean tokenFailure(Throwable e) {
        String m = rootMessage(e);
        return m.contains("invalid_grant") || m.contains("invalid_client") || m.contains("unauthorized_client");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
