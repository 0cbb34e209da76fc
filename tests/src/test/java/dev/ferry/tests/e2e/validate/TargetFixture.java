package dev.ferry.tests.e2e.validate;

import dev.ferry.exporter.cli.CliRunner;
import dev.ferry.importer.cli.ImportCli;
import dev.ferry.tests.harness.PostgresEndpoint;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One test's Target: a fresh kea database (schema as Alembic leaves it), the harness's Keycloak/OpenFGA/S3 with names
 * unique to the sample (realm, store, buckets), a target.yaml whose secrets are ${file:} references, a state dir,
 * and ways to run ferry-import in this JVM or as the shaded jar in a child process.
 */
final class TargetFixture {
    final KeaSample sample;
    final StoreSet target;
    final PostgresEndpoint database;
    final Path config;
    final Path stateDir;
    final String storeName;
    final String documentsBucket;
    final SampleBundle.Keys keys;
    final Path bundle;

    TargetFixture(Stores stores, KeaSample sample, SampleBundle.Keys keys, Path bundle, Path dir, String extraYaml) throws Exception {
        this.sample = sample;
        this.target = stores.target();
        this.keys = keys;
        this.bundle = bundle;
        this.database = stores.createDatabase(Role.TARGET, "tgt_" + sample.suffix);
        this.stateDir = dir.resolve("state");
        this.storeName = "kea-" + sample.suffix;
        this.documentsBucket = "docs-" + sample.suffix;
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("pg"), database.password());
        Files.writeString(secrets.resolve("kc"), target.keycloak().adminPassword());
        Files.writeString(secrets.resolve("s3-access"), target.s3().accessKey());
        Files.writeString(secrets.resolve("s3-secret"), target.s3().secretKey());
        this.config = dir.resolve("target.yaml");
        Files.writeString(config, """
                stateDir: %s
                postgres:
                  url: %s
                  user: %s
                  password: ${file:%s}
                keycloak:
                  url: %s
                  realm: %s
                  auth:
                    username: %s
                    password: ${file:%s}
                openfga:
                  apiUrl: %s
                  storeName: %s
                objects:
                  endpoint: %s
                  accessKey: ${file:%s}
                  secretKey: ${file:%s}
                  bucketMap:
                    %s: %s
                """.formatted(stateDir, database.jdbcUrl(), database.user(), secrets.resolve("pg"), target.keycloak().url(), sample.realm,
                target.keycloak().adminUser(), secrets.resolve("kc"), target.openfga().apiUrl(), storeName, target.s3().endpoint(),
                secrets.resolve("s3-access"), secrets.resolve("s3-secret"), sample.documentsBucket, documentsBucket) + extraYaml);
    }

    String targetBucket(String sourceBucket) {
        return sourceBucket.equals(sample.documentsBucket) ? documentsBucket : sourceBucket;
    }

    List<String> loadArgs(String... extra) {
        List<String> args = new ArrayList<>(List.of("load", bundle.toString(), "--config", config.toString(), "--signer",
                keys.signerPublic().toString(), "--decryption-key", keys.recipientSecret().toString(), "--no-passphrase"));
        args.addAll(List.of(extra));
        return args;
    }

    List<String> validateArgs(String... extra) {
        List<String> args = new ArrayList<>(List.of("validate", bundle.toString(), "--config", config.toString(), "--signer",
                keys.signerPublic().toString(), "--decryption-key", keys.recipientSecret().toString(), "--no-passphrase"));
        args.addAll(List.of(extra));
        return args;
    }

    /** Runs ferry-import validate in this JVM, capturing what it prints. */
    LoadRun validate(String... extra) {
        return runInProcess(validateArgs(extra));
    }

    /** Runs ferry-import in this JVM, capturing what it prints. */
    LoadRun load(String... extra) {
        return runInProcess(loadArgs(extra));
    }

    static synchronized LoadRun runInProcess(List<String> args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = CliRunner.run("ferry-import", new ImportCli(), args.toArray(String[]::new));
            return new LoadRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            oldOut.print(out.toString(StandardCharsets.UTF_8));
            oldErr.print(err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Starts the shaded importer jar (system property ferry.importer.jar) as a child process. */
    Process startJar(Path log, String... extra) throws Exception {
        String jar = System.getProperty("ferry.importer.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the importer jar is missing (" + jar + "): build it with "
                    + "'mvn -B -q -pl importer -am package -DskipTests' before running this test");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar));
        cmd.addAll(loadArgs(extra));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    LoadRun runJar(Path log, String... extra) throws Exception {
        Process p = startJar(log, extra);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("ferry-import did not finish; output in " + log);
        }
        String output = Files.readString(log);
        return new LoadRun(p.exitValue(), output, "");
    }
}
