package dev.ferry.tests.e2e.export;

import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.tests.harness.StoreSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What every export test needs: a source.yaml pointing at harness stores (secrets in owner-only files, referenced
 * with ${file:}), a throwaway signer and recipient, and a way to run ferry-export and capture its output.
 */
final class ExportFixture {
    /** The Source's names as seeded by the tests: the realm, the OpenFGA store name, the bucket prefix. */
    record Names(String realm, String fgaStore, String bucketPrefix) {
    }

    /** Throwaway keys: the recipient's pair (importer side) and the signer's pair (exporter side). */
    record Keys(KeyGenerator.Generated recipient, KeyGenerator.Generated signer) {
        static Keys generate(Path dir) throws IOException {
            Files.createDirectories(dir);
            return new Keys(KeyGenerator.generate(dir, "recipient", "Ferry test recipient <r@example.test>",
                    KeyGenerator.Algorithm.ED25519, new char[0]),
                    KeyGenerator.generate(dir, "signer", "Ferry test signer <s@example.test>",
                            KeyGenerator.Algorithm.ED25519, new char[0]));
        }

        dev.ferry.archive.keys.SignerKey signerPublic() {
            return KeyFiles.signer(signer.publicKey());
        }

        dev.ferry.archive.keys.DecryptionKey decryption() {
            return KeyFiles.decryptionKey(recipient.secretKey(), Passphrase.none());
        }
    }

    /** What a run printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private ExportFixture() {
    }

    /** Writes source.yaml for the given stores; {@code overrides} replace text in it (to break a port or a password). */
    static Path sourceYaml(Path dir, StoreSet stores, Names names, String... overrides) throws IOException {
        Files.createDirectories(dir);
        secret(dir, "pg.secret", stores.postgres().password());
        secret(dir, "kc.secret", stores.keycloak().adminPassword());
        secret(dir, "s3-access.secret", stores.s3().accessKey());
        secret(dir, "s3-secret.secret", stores.s3().secretKey());
        String yaml = """
                postgres:
                  url: %s
                  user: %s
                  password: ${file:pg.secret}
                keycloak:
                  url: %s
                  realm: %s
                  auth:
                    username: %s
                    password: ${file:kc.secret}
                openfga:
                  apiUrl: %s
                  store:
                    name: %s
                objects:
                  endpoint: %s
                  accessKey: ${file:s3-access.secret}
                  secretKey: ${file:s3-secret.secret}
                  buckets:
                    prefixes: [%s-]
                source:
                  label: kea e2e
                """.formatted(stores.postgres().jdbcUrl(), stores.postgres().user(), stores.keycloak().url(), names.realm(),
                stores.keycloak().adminUser(), stores.openfga().apiUrl(), names.fgaStore(), stores.s3().endpoint(),
                names.bucketPrefix());
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            if (!yaml.contains(overrides[i])) {
                throw new IllegalArgumentException("source.yaml has no '" + overrides[i] + "' to replace");
            }
            yaml = yaml.replace(overrides[i], overrides[i + 1]);
        }
        Path file = dir.resolve("source.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Overwrites one secret file, e.g. to give a wrong password. */
    static void secret(Path dir, String name, String value) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, value);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    }

    /** The arguments of a run to {@code out} with the fixture's keys, plus {@code extra}. */
    static String[] runArgs(Path config, Keys keys, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(),
                "--recipient", keys.recipient().publicKey().toString(),
                "--signing-key", keys.signer().secretKey().toString(), "--out", out.toString(), "--json"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /**
     * Runs the real ferry-export jar (system property {@code ferry.exporter.jar}) as a child process, as an operator
     * would, in {@code workDir}. A child also keeps the exporter's classpath exactly as shipped.
     */
    static Result run(Path workDir, List<String> jvmOptions, String... args) throws IOException {
        return runJar("ferry.exporter.jar", workDir, jvmOptions, args);
    }

    /** Runs the real ferry-import jar (system property {@code ferry.importer.jar}), e.g. its verify command. */
    static Result runImporter(Path dir, String... args) throws IOException {
        return runJar("ferry.importer.jar", dir.resolve("work"), List.of("-Xmx256m"), args);
    }

    private static Result runJar(String property, Path workDir, List<String> jvmOptions, String... args) throws IOException {
        String jar = System.getProperty(property);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new AssertionError("the jar " + jar + " (" + property + ") is missing: build it first "
                    + "(mvn -pl exporter,importer -am package -DskipTests), or run the tests with mvn verify");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar);
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        Path stdout = Files.createTempFile("ferry-export-test", ".out");
        Path stderr = Files.createTempFile("ferry-export-test", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(jar + " did not finish within 10 minutes: " + command);
            }
            return new Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Runs the jar in a fresh working directory under {@code dir}. */
    static Result run(Path dir, String... args) throws IOException {
        return run(dir.resolve("work"), List.of("-Xmx256m"), args);
    }

    /** The one finished bundle directory under {@code out}. */
    static Path bundleIn(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> bundles = s.filter(p -> p.getFileName().toString().endsWith(".ferry")).toList();
            if (bundles.size() != 1) {
                throw new AssertionError("expected one bundle in " + out + ", found " + bundles);
            }
            return bundles.get(0);
        }
    }
}
