package dev.ferry.tests.harness;

import java.security.SecureRandom;
import java.util.HexFormat;

/** A throwaway access key pair for a test S3 server, fresh for every start. */
record Credentials(String accessKey, String secretKey) {
    static Credentials random() {
        return new Credentials("ferry-" + hex(6), hex(20));
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
