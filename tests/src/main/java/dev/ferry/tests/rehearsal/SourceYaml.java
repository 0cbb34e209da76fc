package dev.ferry.tests.rehearsal;

import dev.ferry.tests.harness.StoreSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The source.yaml an operator would write for harness stores, shared by the rehearsal, the end-to-end tests and the
 * benchmarks. Every secret is a {@code ${file:…}} reference to a file readable by this user only, as in production.
 */
public final class SourceYaml {
    private SourceYaml() {
    }

    /** Writes {@code yaml}, with its secrets as files named {@code source-*} in {@code secrets}. */
    public static Path write(Path yaml, Path secrets, StoreSet source, String label, String realm, String openFgaStore,
            String bucketPrefix) throws IOException {
        Files.createDirectories(secrets);
        Files.writeString(yaml, """
                source:
                  label: %s
                postgres:
                  url: %s
                  user: %s
                  password: ${file:%s}
                keycloak:
                  url: %s
                  realm: %s
                  auth:
                    realm: master
                    username: %s
                    password: ${file:%s}
                openfga:
                  apiUrl: %s
                  store:
                    name: %s
                objects:
                  endpoint: %s
                  accessKey: ${file:%s}
                  secretKey: ${file:%s}
                  buckets:
                    prefixes: ["%s-"]
                """.formatted(label, source.postgres().jdbcUrl(), source.postgres().user(),
                secret(secrets, "source-pg", source.postgres().password()), source.keycloak().url(), realm,
                source.keycloak().adminUser(), secret(secrets, "source-kc", source.keycloak().adminPassword()),
                source.openfga().apiUrl(), openFgaStore, source.s3().endpoint(),
                secret(secrets, "source-s3-access", source.s3().accessKey()),
                secret(secrets, "source-s3-secret", source.s3().secretKey()), bucketPrefix));
        return yaml;
    }

    /** A secret as an owner-only file; its path goes into a {@code ${file:…}} reference. */
    static Path secret(Path dir, String name, String value) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, value);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system (Windows): the directory's own protection applies.
        }
        return file;
    }
}
