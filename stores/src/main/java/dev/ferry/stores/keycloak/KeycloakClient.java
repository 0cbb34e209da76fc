package dev.ferry.stores.keycloak;

import dev.ferry.stores.Causes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.common.FerryException;
import dev.ferry.common.StoreException;
import dev.ferry.stores.config.KeycloakAuth;
import dev.ferry.stores.config.KeycloakConfig;
import dev.ferry.stores.retry.StoreRetry;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * The one client of a Keycloak server's Admin API, for the export, the load and validate alike. The admin client logs
 * in, refreshes the token and offers the typed API ({@link #realm()}, for reading a realm); the load speaks raw JSON
 * ({@link #get}, {@link #post}, {@link #put}), because the realm representation must reach the server exactly as the
 * bundle carries it (the admin client's typed classes, 26.0.x, would drop fields a 26.4 server knows). The reads both
 * the load's read-back and validate need (users, groups by path, members) are here once. Failures become a
 * StoreException naming the key to fix.
 * <p>
 * Retries: the one policy ({@link StoreRetry}) runs here, around reads ({@link #get}, the shared reads, and typed reads
 * through {@link #retried}) and the idempotent {@link #put}, on I/O errors and on 502, 503 and 504. A POST is sent once.
 */
public final class KeycloakClient implements AutoCloseable {
    private static final int PAGE = 100;
    private static final Set<Integer> BUSY = Set.of(502, 503, 504);

    private final KeycloakConfig config;
    private final Keycloak login;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final StoreRetry retry = StoreRetry.standardOr(KeycloakClient::isTransient);

    private KeycloakClient(KeycloakConfig config) {
        this.config = config;
        KeycloakAuth auth = config.auth();
        KeycloakBuilder b = KeycloakBuilder.builder().serverUrl(stripSlash(config.url())).realm(auth.realm());
        if (auth.isClientCredentials()) {
            b.grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(auth.clientId()).clientSecret(auth.clientSecret().reveal());
        } else {
            b.grantType(OAuth2Constants.PASSWORD).clientId("admin-cli").username(auth.username()).password(auth.password().reveal());
        }
        this.login = b.build();
    }

    /** A client that logs in at its first request; the realm need not exist yet (the load may create it). */
    public static KeycloakClient open(KeycloakConfig config) {
        return new KeycloakClient(config);
    }

    /** A client that has logged in and read the configured realm: for the export and validate, which need it. */
    public static KeycloakClient connect(KeycloakConfig config) {
        KeycloakClient client = new KeycloakClient(config);
        try {
            client.retried(() -> client.realm().toRepresentation());
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e instanceof FerryException fe ? fe : client.translate(e);
        }
    }

    public KeycloakConfig config() {
        return config;
    }

    /** The configured realm through the typed API; wrap each call in {@link #retried}. */
    public RealmResource realm() {
        return login.realm(config.realm());
    }

    /** Runs a typed read with the one retry policy; the last failure is rethrown as it is, for {@link #translate}. */
    public <T> T retried(Supplier<T> read) {
        return retry.get(read::get);
    }

    // ---- raw JSON ----

    /** The Admin API path of the configured realm, "/admin/realms/app". */
    public String realmPath() {
        return realmPath(config.realm());
    }

    public static String realmPath(String realm) {
        return "/admin/realms/" + q(realm);
    }

    /**
     * URL-encodes a path segment or query value. A space becomes {@code %20}, not the form encoding's {@code +}: in a
     * path Keycloak reads {@code +} as itself (GET /roles/r+3/users answers 404 for role "r 3"), while {@code %20}
     * means a space in a query value too.
     */
    public static String q(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A JSON answer, or null on 404. Retried. */
    public JsonNode get(String path) {
        Answer a = exchange(path, () -> request(path).GET(), true);
        if (a.status() == 404) {
            return null;
        }
        a.require("GET " + path);
        return parse(a, path);
    }

    /** POSTs JSON once and returns the answer; the caller decides which statuses are acceptable. */
    public Answer post(String path, JsonNode body) {
        return exchange(path, () -> request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), false);
    }

    /** PUTs JSON (a whole representation: idempotent, so retried) and requires success. */
    public void put(String path, JsonNode body) {
        exchange(path, () -> request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())), true).require("PUT " + path);
    }

    /**
     * DELETEs, with a JSON body when one is given (role mappings name the roles to remove in the body). Retried: a
     * DELETE is idempotent, and 404 (already gone) counts as done. Requires success otherwise.
     */
    public void delete(String path, JsonNode body) {
        Answer a = exchange(path, () -> body == null ? request(path).DELETE()
                : request(path).header("Content-Type", "application/json").method("DELETE", HttpRequest.BodyPublishers.ofString(body.toString())),
                true);
        if (a.status() != 404) {
            a.require("DELETE " + path);
        }
    }

    /** The answer's JSON body ({} when empty). */
    public JsonNode parse(Answer a, String path) {
        try {
            return a.body().isBlank() ? json.createObjectNode() : json.readTree(a.body());
        } catch (IOException e) {
            throw new StoreException("Keycloak answered " + path + " with something that is not JSON",
                    "check that keycloak.url points at Keycloak itself, not at a proxy's error page");
        }
    }

    // ---- the reads the load and validate share ----

    /** Calls {@code each} with every user of a realm (brief representation: id, username, email), paged. */
    public void forEachUser(String realm, Consumer<JsonNode> each) {
        for (int first = 0;; first += PAGE) {
            JsonNode page = get(realmPath(realm) + "/users?briefRepresentation=true&first=" + first + "&max=" + PAGE);
            if (page == null || page.isEmpty()) {
                return;
            }
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    /**
     * Calls {@code each} with every group of a realm, subgroups included (id, name, path), walking /children, because
     * GET /groups returns empty subGroups (docs/reference/keycloak.md §7).
     */
    public void forEachGroup(String realm, Consumer<JsonNode> each) {
        walkGroups(realmPath(realm), null, each);
    }

    /**
     * Calls {@code each} with every element of a paged list answer ({@code path} may hold a query already), asking for
     * pages of 100 with {@code first} and {@code max}: Keycloak's paged lists answer 100 elements when no {@code max}
     * is given (docs/reference/keycloak.md §12). Nothing when the list's owner is gone (404).
     */
    public void forEachPaged(String path, Consumer<JsonNode> each) {
        String sep = path.contains("?") ? "&" : "?";
        for (int first = 0;; first += PAGE) {
            JsonNode page = get(path + sep + "first=" + first + "&max=" + PAGE);
            if (page == null || page.isEmpty()) {
                return;
            }
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    /** Every user of the configured realm: id → username. */
    public Map<String, String> usernamesById() {
        Map<String, String> out = new HashMap<>();
        forEachUser(config.realm(), u -> out.put(u.path("id").asText(), u.path("username").asText()));
        return out;
    }

    /** Every group of the configured realm: id → path. */
    public Map<String, String> groupPathsById() {
        Map<String, String> out = new HashMap<>();
        forEachGroup(config.realm(), g -> out.put(g.path("id").asText(), g.path("path").asText()));
        return out;
    }

    /** The ids of a group's direct members in the configured realm (empty when the group does not exist). */
    public Set<String> memberIds(String groupId) {
        Set<String> out = new HashSet<>();
        for (int first = 0;; first += PAGE) {
            JsonNode page = get(realmPath() + "/groups/" + q(groupId) + "/members?briefRepresentation=true&first=" + first + "&max=" + PAGE);
            if (page == null || page.isEmpty()) {
                return out;
            }
            page.forEach(u -> out.add(u.path("id").asText()));
            if (page.size() < PAGE) {
                return out;
            }
        }
    }

    private void walkGroups(String realmPath, String parentId, Consumer<JsonNode> each) {
        List<JsonNode> level = new ArrayList<>();
        for (int first = 0;; first += PAGE) {
            String path = parentId == null ? realmPath + "/groups?briefRepresentation=true&first=" + first + "&max=" + PAGE
                    : realmPath + "/groups/" + q(parentId) + "/children?briefRepresentation=true&first=" + first + "&max=" + PAGE;
            JsonNode page = get(path);
            if (page == null || page.isEmpty()) {
                break;
            }
            page.forEach(level::add);
            if (page.size() < PAGE) {
                break;
            }
        }
        for (JsonNode g : level) {
            each.accept(g);
            if (g.path("subGroupCount").asInt(1) > 0) {
                walkGroups(realmPath, g.path("id").asText(), each);
            }
        }
    }

    // ---- plumbing ----

    /** A 502, 503 or 504 answer, inside the retry loop only. */
    private static final class BusyAnswer extends RuntimeException {
        private final Answer answer;

        BusyAnswer(Answer answer) {
            super("HTTP " + answer.status(), null, false, false);
            this.answer = answer;
        }
    }

    private Answer exchange(String path, Supplier<HttpRequest.Builder> request, boolean idempotent) {
        try {
            if (!idempotent) {
                return send(request.get());
            }
            return retry.get(() -> {
                Answer a = send(request.get());
                if (BUSY.contains(a.status())) {
                    throw new BusyAnswer(a);
                }
                return a;
            });
        } catch (BusyAnswer e) {
            return e.answer;
        } catch (StoreRetry.StoreCallException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while talking to Keycloak at " + config.url(),
                        "re-run the command; a load continues with --resume");
            }
            throw unreachable(path, e.getCause());
        } catch (FerryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        } catch (IOException e) {
            throw unreachable(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while talking to Keycloak at " + config.url(), "re-run the command; a load continues with --resume");
        }
    }

    private Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    private HttpRequest.Builder request(String path) {
        // The admin client logs in and refreshes the token; a refusal here is translated like any other.
        String token = login.tokenManager().getAccessTokenString();
        return HttpRequest.newBuilder(URI.create(stripSlash(config.url()) + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private StoreException unreachable(String path, Throwable e) {
        return new StoreException("Keycloak at " + config.url() + " cannot be reached (keycloak.url) for " + path + ": " + Causes.rootMessage(e),
                "Check the host and port in keycloak.url, and that this machine can reach it.", e);
    }

    /** I/O errors as the one policy sees them (also inside the admin client), and the server being busy. */
    static boolean isTransient(Throwable e) {
        if (e instanceof BusyAnswer) {
            return true;
        }
        if (e instanceof WebApplicationException w) {
            return w.getResponse() != null && BUSY.contains(w.getResponse().getStatus());
        }
        return e instanceof ProcessingException && e.getCause() != null && StoreRetry.isTransient(e.getCause());
    }

    /** The StoreException for a failure talking to this Keycloak, naming the key the operator should check. */
    public StoreException translate(RuntimeException e) {
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
                    "Give it the realm-management roles: view-realm, view-users and view-clients to export (and manage-realm for the "
                            + "realm settings), realm-admin to load.", e);
        }
        if (e instanceof NotFoundException || isStatus(e, 404)) {
            return new StoreException(at + " has no realm '" + config.realm() + "' (keycloak.realm)",
                    "Check keycloak.realm (kea uses 'app') and keycloak.url (no /auth suffix on Keycloak 17+).", e);
        }
        if (Causes.has(e, ConnectException.class) || Causes.has(e, UnknownHostException.class)) {
            return new StoreException(at + " cannot be reached (keycloak.url): " + Causes.rootMessage(e),
                    "Check the host and port in keycloak.url, and that this machine can reach it.", e);
        }
        return new StoreException(at + " answered with an error: " + Causes.rootMessage(e),
                "Check keycloak.url and the server's log; re-run once the cause is fixed.", e);
    }

    private static boolean isStatus(Throwable e, int status) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WebApplicationException w && w.getResponse() != null && w.getResponse().getStatus() == status) {
                return true;
            }
        }
        return false;
    }

    private static boolean tokenFailure(Throwable e) {
        String m = Causes.rootMessage(e);
        return m.contains("invalid_grant") || m.contains("invalid_client") || m.contains("unauthorized_client");
    }



    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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

        /** Throws a StoreException unless the answer is a success; {@code what} names the request. */
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
