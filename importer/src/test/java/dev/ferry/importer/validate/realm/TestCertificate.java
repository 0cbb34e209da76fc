package dev.ferry.importer.validate.realm;

/** A throwaway self-signed certificate (no private key kept) and the kid Keycloak derives from it (computed with openssl). */
final class TestCertificate {
    static final String PEM = """
            -----BEGIN CERTIFICATE-----
            MIICHDCCAYWgAwIBAgIUJHBrvVhnrki/S1SOlJmsk3lVqigwDQYJKoZIhvcNAQEL
            BQAwIDEeMBwGA1UEAwwVZmVycnktY29tcGFyYXRvci10ZXN0MB4XDTI2MTIwNzE1
            MDgyNVoXDTM2MTIwNDE1MDgyNVowIDEeMBwGA1UEAwwVZmVycnktY29tcGFyYXRv
            ci10ZXN0MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC306Z+FVZTumeBv0Lb
            Uh+eB0TYdeCjN+Afu3dEyRMevZ4b3D0NKFtv+vCnG9PmUFBfAMT0eXVS+TF+3czz
            JV3k/QkoJNT8L+DsffsY1esAUvzb84FFeG5IuPT1XZ9WZa/Ti74veTsUkbS6TDFB
            wMliual6UEPAqOTVSTw2mcku0QIDAQABo1MwUTAdBgNVHQ4EFgQUmnSLZkfxtt5n
            R/WE4yMa2WunW9QwHwYDVR0jBBgwFoAUmnSLZkfxtt5nR/WE4yMa2WunW9QwDwYD
            VR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOBgQChpTpVHeaaP5auMcJcpH4P
            WPXtpVI3MJns8HofHLgxe+x12BMlyUh5mErR5xHI+MV7SiqgiDsmPDseFuPd1GWD
            nVI6mJgy/3rRsIa5Q96vU6I1sGbedvjmEVxJMpcxcPmeLS9HbtoidQhnIQDP+5BG
            +iZijuKzBqEhCeIj4NEsrw==
            -----END CERTIFICATE-----
            """;
    static final String KID = "QDBtlCmh3nwDkoYYG4lN2UlwbJjY0yeFDOqdLbband0";

    private TestCertificate() {
    }
}
