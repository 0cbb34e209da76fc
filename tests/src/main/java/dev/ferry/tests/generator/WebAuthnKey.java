package dev.ferry.tests.generator;

/**
 * A registered WebAuthn authenticator as Keycloak stores it: the credential id, the authenticator's AAGUID and its
 * COSE public key (base64). The runbook says such credentials are hardware-bound; the generator carries them so
 * Ferry's handling of them is exercised.
 */
public record WebAuthnKey(String label, String credentialId, String aaguid, String cosePublicKey) {
}
