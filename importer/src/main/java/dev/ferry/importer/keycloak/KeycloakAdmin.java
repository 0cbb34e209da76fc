package dev.ferry.importer.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.common.StoreException;
import dev.ferry.importer.config.KeycloakTarget;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import dev.ferry.stores.config.KeycloakAuth;

/**
 * The Target Keycloak's Admin REST API, spoken in raw JSON. Raw JSON because the realm representation must reach the
 * server exactly as the bundle carries it: the admin client's typed classes (26.0.x) would drop fields a 26.4 server
 * knows. The admin client still does what it is good at: logging in and refreshing the token.
 */
public final class KeycloakAdmin implements AutoCloseable {
    private final KeycloakTarget target;
    private final Keycloak login;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    public KeycloakAdmin(KeycloakTarget target) {
        this.target = target;
        KeycloakAuth auth = target.auth();
        KeycloakBuilder b = KeycloakBuilder.builder().serverUrl(target.url()).realm(auth.realm());
        if (auth.isClientCredentials()) {
            b.grantType("client_credentials").clientId(auth.clientId()).clientSecret(auth.clientSecret().reveal());
        } else {
            b.grantType("password").clientId("admin-cli").username(auth.username()).password(auth.password().reveal());
        }
        this.login = b.build();
    }

    /** A JSON answer, or null on 404. */
    public JsonNode get(String path) {
        HttpResponse<String> r = send(request(path).GET(), path);
        if (r.statusCode() == 404) {
            return null;
        }
        requireSuccess(r, "GET", path);
        return parse(r, path);
    }

    /** POSTs JSON and returns the answer; the caller decides which statuses are acceptable. */
    public Answer post(String path, JsonNode body) {
        HttpResponse<String> r = send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), path);
        return new Answer(r.statusCode(), r.body());
    }

    public void put(String path, JsonNode body) {
        HttpResponse<String> r = send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())), path);
        requireSuccess(r, "PUT", path);
    }

    public JsonNode parse(Answer a, String path) {
        try {
            return a.body().isBlank() ? json.createObjectNode() : json.readTree(a.body());
        } catch (IOException e) {
            throw new StoreException("Keycloak answered " + path + " with something that is not JSON",
                    "check that keycloak.url points at Keycloak itself, not at a proxy's error page");
        }
    }

    public static String q(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    public String realmPath() {
        return "/admin/realms/" + q(target.realm());
    }

    private JsonNode parse(HttpResponse<String> r, String path) {
        return parse(new Answer(r.statusCode(), r.body()), path);
    }

    private HttpRequest.Builder request(String path) {
        String token;
        try {
            token = login.tokenManager().getAccessTokenString();
        } catch (RuntimeException e) {
            throw new StoreException("cannot log in to Keycloak at " + target.url() + " as " + target.auth().describe() + " (realm "
                    + target.auth().realm() + "): " + rootMessage(e),
                    "check keycloak.url and keycloak.auth in target.yaml; the account needs the realm-admin role (or admin in master)");
        }
        return HttpRequest.newBuilder(URI.create(target.url() + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String path) {
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StoreException("cannot reach Keycloak at " + target.url() + " (" + path + "): " + rootMessage(e),
                    "check keycloak.url and that the Target Keycloak is running");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while talking to Keycloak", "re-run with --resume");
        }
    }

    void requireSuccess(HttpResponse<String> r, String method, String path) {
        new Answer(r.statusCode(), r.body()).require(method + " " + path);
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    @Override
    public void close() {
        login.close();
    }

    /** An HTTP answer: status and body. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public void require(String what) {
            if (status == 401 || status == 403) {
                throw new StoreException("Keycloak refused " + what + " (HTTP " + status + ")",
                        "give the admin user the realm-admin role of realm-management (or admin in master)");
            }
            if (!ok()) {
                throw new StoreException("Keycloak answered " + what + " with HTTP " + status + ": " + shortBody(),
                        "read the Keycloak server log for the cause; nothing after this step was written");
            }
        }

        private String shortBody() {
            String b = body == null ? "" : body.strip();
            return b.length() > 300 ? b.substring(0, 300) + "…" : b;
        }
    }
}
