package dev.ferry.tests.generator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Keycloak 26's default password credential (argon2id, version 1.3, 5 iterations, 7168 KiB, parallelism 1,
 * 32-byte hash), computed here so Keycloak imports hashes instead of hashing 500 plaintexts itself at about 70 ms
 * each. Salts derive from the dataset seed and the password, so the realm is the same on every run.
 */
final class PasswordHashes {
    /** Keycloak's {@code credentialData} for that policy, exactly as its offline export writes it. */
    static final String CREDENTIAL_DATA = "{\"hashIterations\":5,\"algorithm\":\"argon2\",\"additionalParameters\":"
            + "{\"hashLength\":[\"32\"],\"memory\":[\"7168\"],\"type\":[\"id\"],\"version\":[\"1.3\"],"
            + "\"parallelism\":[\"1\"]}}";

    private PasswordHashes() {
    }

    /** {@code secretData} per distinct password, hashed in parallel. */
    static Map<String, String> secretData(List<String> passwords, long seed) {
        return passwords.stream().distinct().parallel()
                .collect(Collectors.toMap(Function.identity(), p -> secretData(p, seed)));
    }

    private static String secretData(String password, long seed) {
        byte[] salt = new byte[16];
        System.arraycopy(sha256(seed + "\0" + password), 0, salt, 0, salt.length);
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withIterations(5).withMemoryAsKB(7168)
                .withParallelism(1).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] hash = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        Base64.Encoder b64 = Base64.getEncoder();
        return "{\"value\":\"" + b64.encodeToString(hash) + "\",\"salt\":\"" + b64.encodeToString(salt)
                + "\",\"additionalParameters\":{}}";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
