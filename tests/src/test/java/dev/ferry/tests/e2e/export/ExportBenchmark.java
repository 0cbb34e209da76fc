package dev.ferry.tests.e2e.export;

import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.HarnessOptions;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import io.minio.DownloadObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Bucket;
import io.minio.messages.Item;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark of issue 4, run by hand through exporter/bench/export-vs-mirror.sh (not a test: speed is never asserted).
 * Seeds the runbook profile with {@code objectBytes} of objects into the harness Source, then, against the same stores:
 * (1) ferry-export of the objects with -Xmx256m; (2) the two-step pipeline an operator would otherwise run: copy the
 * objects to local disk as `mc mirror` does (MinIO client library), then `tar | gpg --sign --encrypt -z0`.
 * Prints both times, throughputs and the ratio.
 */
public final class ExportBenchmark {
    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long objectBytes = args.length > 0 ? Long.parseLong(args[0]) : 2L << 30;
        Path work = Files.createTempDirectory("ferry-bench");
        SeedNames names = new SeedNames("bench", "bench", "bench");
        try (Stores stores = Stores.start(HarnessOptions.defaults())) {
            System.out.println("stores: " + stores.describe());
            KeaDataset dataset = KeaGenerator.generate(Profile.runbook().withObjectBytes(objectBytes), 7L);
            StoreSet s = stores.source();
            StoreSet source = new StoreSet(Role.SOURCE, stores.createDatabase(Role.SOURCE, "bench"), s.keycloak(), s.openfga(), s.s3());
            System.out.println(KeaSeeder.seed(dataset, source, names).summary());
            long bytes = dataset.objectBytes();
            ExportFixture.Keys keys = ExportFixture.Keys.generate(work.resolve("keys"));
            Path config = ExportFixture.sourceYaml(work.resolve("cfg"), source,
                    new ExportFixture.Names(names.realm(), names.openFgaStore(), names.bucketPrefix()));

            long t0 = System.nanoTime();
            ExportFixture.Result r = ExportFixture.run(work.resolve("ferry-work"), List.of("-Xmx256m"),
                    ExportFixture.runArgs(config, keys, work.resolve("ferry-out"), "--stores", "objects"));
            long ferry = System.nanoTime() - t0;
            if (r.exitCode() != 0) {
                throw new IllegalStateException("ferry-export failed: " + r);
            }
            System.out.println(r.stdout());

            t0 = System.nanoTime();
            Path mirror = Files.createDirectories(work.resolve("mirror"));
            MinioClient client = MinioClient.builder().endpoint(source.s3().endpoint())
                    .credentials(source.s3().accessKey(), source.s3().secretKey()).build();
            for (Bucket b : client.listBuckets()) {
                if (!b.name().startsWith(names.bucketPrefix() + "-")) {
                    continue;
                }
                for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(b.name()).recursive(true).build())) {
                    Item i = item.get();
                    if (i.isDir() || i.objectName().endsWith("/")) {
                        continue;
                    }
                    Path file = mirror.resolve(b.name()).resolve(i.objectName());
                    Files.createDirectories(file.getParent());
                    client.downloadObject(DownloadObjectArgs.builder().bucket(b.name()).object(i.objectName())
                            .filename(file.toString()).build());
                }
            }
            long mirrorStep = System.nanoTime() - t0;
            Path gnupg = Files.createDirectories(work.resolve("gnupg"));
            Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            sh(gnupg, "gpg --batch --import " + keys.signer().secretKey() + " " + keys.recipient().publicKey());
            long t1 = System.nanoTime();
            sh(gnupg, "tar -C " + mirror + " -cf - . | gpg --batch --yes --pinentry-mode loopback --passphrase '' --trust-model always"
                    + " -z0 --sign --local-user " + keys.signer().fingerprint() + " --encrypt -r " + keys.recipient().fingerprint()
                    + " -o " + work.resolve("pipeline.tar.gpg"));
            long tarGpg = System.nanoTime() - t1;
            long pipeline = mirrorStep + tarGpg;
            System.out.printf(Locale.ROOT, "objects: %d bytes (%.1f MiB)%n", bytes, bytes / 1048576.0);
            System.out.printf(Locale.ROOT, "ferry-export (objects, -Xmx256m): %.1f s, %.1f MiB/s%n", ferry / 1e9, bytes / 1048576.0 / (ferry / 1e9));
            System.out.printf(Locale.ROOT, "mirror to disk: %.1f s; tar | gpg -z0: %.1f s; pipeline: %.1f s, %.1f MiB/s%n",
                    mirrorStep / 1e9, tarGpg / 1e9, pipeline / 1e9, bytes / 1048576.0 / (pipeline / 1e9));
            System.out.printf(Locale.ROOT, "ratio (pipeline time / ferry time): %.2fx (target >= 1.5x)%n", (double) pipeline / ferry);
        } finally {
            new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start().waitFor();
        }
    }

    private static void sh(Path gnupg, String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-o", "pipefail", "-c", command).inheritIO();
        pb.environment().put("GNUPGHOME", gnupg.toString());
        int code = pb.start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("failed (" + code + "): " + command);
        }
    }
}
