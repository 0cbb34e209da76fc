package dev.ferry.tests.rehearsal;

import dev.ferry.tests.harness.StoreSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The source.yaml ({@link SourceYaml}) and target.yaml an operator would write for the rehearsal's stores. Every secret is a
 * {@code ${file:…}} reference to a file readable by this user only, so no secret sits in a config file or on a
 * command line, as in production.
 */
final class RehearsalConfigs {
    private RehearsalConfigs() {
    }

    record Written(Path source, Path target, Path stateDir) {
    }

    static Written write(Path dir, StoreSet source, StoreSet target, Names names) throws IOException {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Path sourceYaml = SourceYaml.write(dir.resolve("source.yaml"), secrets, source, names.label(), names.realm(),
                names.sourceStore(), names.bucketPrefix());
        Path stateDir = dir.resolve("state");
        Path targetYaml = dir.resolve("target.yaml");
        Files.writeString(targetYaml, """
                stateDir: %s
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
                  storeName: %s
                objects:
                  endpoint: %s
                  accessKey: ${file:%s}
                  secretKey: ${file:%s}
                """.formatted(stateDir, target.postgres().jdbcUrl(), target.postgres().user(),
                secret(secrets, "target-pg", target.postgres().password()), target.keycloak().url(), names.realm(),
                target.keycloak().adminUser(), secret(secrets, "target-kc", target.keycloak().adminPassword()),
                target.openfga().apiUrl(), names.targetStore(), target.s3().endpoint(),
                secret(secrets, "target-s3-access", target.s3().accessKey()),
                secret(secrets, "target-s3-secret", target.s3().secretKey())));
        return new Written(sourceYaml, targetYaml, stateDir);
    }

    private static Path secret(Path dir, String name, String value) throws IOException {
        return SourceYaml.secret(dir, name, value);
    }
}
