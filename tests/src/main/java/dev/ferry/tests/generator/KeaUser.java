package dev.ferry.tests.generator;

import java.util.List;
import java.util.Map;

/**
 * One Keycloak user of the kea realm. {@code id} is the token {@code sub} that every other store refers to.
 *
 * @param password    the plaintext password; tests log in with it (it is never written anywhere but Keycloak's hash)
 * @param totpSecret  the raw TOTP secret string Keycloak stores (HMAC-SHA1 over its bytes, 30 s, 6 digits), or null
 * @param webAuthn    a WebAuthn credential to import, or null
 * @param appRoles    client roles on the {@code app} client, from which kea derives the organization roles
 * @param teamIds     the Keycloak root groups (teams) the user belongs to
 */
public record KeaUser(String id, String username, String email, String firstName, String lastName, String password,
        String totpSecret, WebAuthnKey webAuthn, Map<String, List<String>> attributes, List<String> appRoles,
        List<String> teamIds) {

    public boolean hasTotp() {
        return totpSecret != null;
    }
}
