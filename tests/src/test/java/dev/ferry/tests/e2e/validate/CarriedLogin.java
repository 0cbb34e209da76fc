package dev.ferry.tests.e2e.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.harness.KeycloakRest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/**
 * A password grant on the Target, what "the password came along" means: the Target answers with a token whose
 * subject is the Source's user id. (The password only ever travels as a hash; the test knows it from the fixture.)
 */
final class CarriedLogin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CarriedLogin() {
    }

    /** The access token's claims, or an AssertionError naming the token endpoint's answer (never the password). */
    static JsonNode claims(KeycloakRest kc, String realm, String clientId, String username, String password) {
        KeycloakRest.Answer a = kc.token(realm, Map.of("grant_type", "password", "client_id", clientId, "username", username,
                "password", password));
        if (a.status() != 200) {
            throw new AssertionError(username + " could not log in on realm " + realm + ": HTTP " + a.status() + " " + a.body());
        }
        String jwt = a.json().path("access_token").asText();
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
