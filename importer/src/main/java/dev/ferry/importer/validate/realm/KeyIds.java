package dev.ferry.importer.validate.realm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;

/**
 * Realm key ids. Keycloak names an RSA or EC key by base64url (no padding) of the SHA-256 of its public key's
 * SubjectPublicKeyInfo, and a secret (HMAC, AES) key by the {@code kid} its component holds (measured on 26.4,
 * AdminApiMasksTest). So the ids the Target must publish follow from the offline export's key providers.
 */
public final class KeyIds {
    private static final String KEY_PROVIDER = "org.keycloak.keys.KeyProvider";

    private KeyIds() {
    }

    /** The key ids of a realm export's enabled key providers: from each certificate, or the component's own kid. */
    public static Set<String> ofExport(JsonNode realm) {
        Set<String> out = new TreeSet<>();
        for (JsonNode c : realm.path("components").path(KEY_PROVIDER)) {
            JsonNode config = c.path("config");
            if ("false".equals(first(config.path("enabled")))) {
                continue;
            }
            String certificate = first(config.path("certificate"));
            String kid = first(config.path("kid"));
            if (!certificate.isEmpty()) {
                out.add(ofCertificate(certificate));
            } else if (!kid.isEmpty()) {
                out.add(kid);
            }
        }
        return out;
    }

    /** The key ids in a {@code GET /admin/realms/R/keys} answer. */
    public static Set<String> ofKeysAnswer(JsonNode keys) {
        Set<String> out = new TreeSet<>();
        keys.path("keys").forEach(k -> out.add(k.path("kid").asText()));
        return out;
    }

    /** The kid Keycloak derives from a certificate (PEM, with or without its header lines). */
    public static String ofCertificate(String pem) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "unreadable certificate";
        }
    }

    private static String first(JsonNode value) {
        return value.isArray() ? value.path(0).asText("") : value.asText("");
    }
}
