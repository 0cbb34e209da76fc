package dev.ferry.tests.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.common.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A test Keycloak's REST API in raw JSON, logged in as the master realm's admin. Raw, because measurements must see
 * exactly what the server answers (masks, statuses, fields the 26.0 admin client's classes do not know).
 */
public final class KeycloakRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The master realm's admin tokens live 60 s; a new one is fetched well before. */
    private static final Duration TOKEN_AGE = Duration.ofSeconds(30);

    private final KeycloakEndpoint endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String token;
    private Instant tokenAt = Instant.EPOCH;

    public KeycloakRest(KeycloakEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public KeycloakEndpoint endpoint() {
        return endpoint;
    }

    /** A status and a body; {@link #json()} parses the body. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Answer get(String path) {
        return send(admin(path).GET());
    }

    /** GET that must answer 200, parsed. */
    public JsonNode json(String path) {
        Answer a = get(path);
        if (a.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.json();
    }

    public Answer post(String path, JsonNode body) {
        return send(admin(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public Answer put(String path, JsonNode body) {
        return send(admin(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public Answer delete(String path) {
        return send(admin(path).DELETE());
    }

    /** A form POST to a realm's token endpoint, without admin credentials (password and client_credentials grants). */
    public Answer token(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(endpoint.url() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A public GET outside the admin API, e.g. a realm's JWKS. */
    public JsonNode publicJson(String path) {
        Answer a = send(HttpRequest.newBuilder(URI.create(endpoint.url() + path)).timeout(Duration.ofMinutes(1)).GET());
        if (a.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.json();
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(endpoint.url() + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + adminToken()).header("Accept", "application/json");
    }

    private synchronized String adminToken() {
        if (token == null || Instant.now().isAfter(tokenAt.plus(TOKEN_AGE))) {
            Answer a = token("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                    "username", endpoint.adminUser(), "password", endpoint.adminPassword()));
            if (a.status() != 200) {
                throw new StoreException("the test Keycloak at " + endpoint.url() + " refused its admin: HTTP " + a.status(),
                        "read the harness Keycloak's log");
            }
            token = a.json().path("access_token").asText();
            tokenAt = Instant.now();
        }
        return token;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
