package dev.ferry.tests.e2e.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.harness.KeycloakRest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;

/** Access tokens from a password grant, and whether another realm's JWKS verifies them: what "tokens stay valid" means. */
final class Tokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    /** A password grant through {@code clientId}; the answer as the token endpoint gave it. */
    static KeycloakRest.Answer passwordGrant(KeycloakRest kc, String realm, String clientId, String username, String password) {
        return kc.token(realm, Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password));
    }

    static String accessToken(KeycloakRest.Answer answer) {
        if (answer.status() != 200) {
            throw new AssertionError("token endpoint answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().path("access_token").asText();
    }

    static JsonNode header(String jwt) {
        return part(jwt, 0);
    }

    static JsonNode claims(String jwt) {
        return part(jwt, 1);
    }

    /** Whether {@code jwt}'s RS256 signature verifies with the key of the same kid in the realm's published JWKS. */
    static boolean verifiesWith(String jwt, KeycloakRest kc, String realm) {
        String kid = header(jwt).path("kid").asText();
        for (JsonNode k : kc.publicJson("/realms/" + realm + "/protocol/openid-connect/certs").path("keys")) {
            if (kid.equals(k.path("kid").asText()) && "RSA".equals(k.path("kty").asText())) {
                return verify(jwt, rsa(k));
            }
        }
        return false;
    }

    private static PublicKey rsa(JsonNode jwk) {
        try {
            BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText()));
            BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()));
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean verify(String jwt, PublicKey key) {
        int dot = jwt.lastIndexOf('.');
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
            return s.verify(Base64.getUrlDecoder().decode(jwt.substring(dot + 1)));
        } catch (GeneralSecurityException ex) {
            return false;
        }
    }

    private static JsonNode part(String jwt, int i) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[i]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
