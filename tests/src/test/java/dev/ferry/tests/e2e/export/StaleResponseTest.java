package dev.ferry.tests.e2e.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.exporter.objects.ObjectsExporter;
import dev.ferry.cli.Progress;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A response the exporter opened ahead, and that waited past {@link ObjectsExporter#STALE_AFTER} for a lane, is closed
 * and requested again (servers drop idle connections). With that age set to zero every object takes this path: the
 * bundle must still hold every object once, byte for byte.
 */
@ExtendWith(StoresExtension.class)
class StaleResponseTest {
    @TempDir
    Path dir;

    @Test
    void everyObjectRequestedAgainIsCarriedWhole(Stores stores) throws Exception {
        StoreSet source = stores.source();
        String prefix = "stale" + UUID.randomUUID().toString().substring(0, 8);
        String bucket = prefix + "-documents";
        MinioClient s3 = MinioClient.builder().endpoint(source.s3().endpoint())
                .credentials(source.s3().accessKey(), source.s3().secretKey()).build();
        s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        Random rnd = new Random(3);
        Map<String, byte[]> objects = new TreeMap<>();
        for (int i = 0; i < 12; i++) {
            byte[] body = new byte[i == 0 ? 9 << 20 : rnd.nextInt(300_000)]; // one object spans several chunks
            rnd.nextBytes(body);
            String key = "doc-" + i + "/input/report " + i + ".pdf";
            s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(new ByteArrayInputStream(body), body.length, -1).build());
            objects.put(key, body);
        }

        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, new ExportFixture.Names("unused", "unused", prefix));
        ExportFixture.Keys keys = ExportFixture.Keys.generate(dir.resolve("keys"));
        Path bundle = dir.resolve("stale.ferry");
        try (BundleWriter writer = BundleWriter.create(bundle, new SealingOptions(List.of(KeyFiles.recipient(keys.recipient().publicKey())),
                KeyFiles.signingKey(keys.signer().secretKey(), Passphrase.none()), 4L << 30, "stale test", 2))) {
            try (StoreWriter store = writer.openStore("objects")) {
                ObjectsExporter.Result result = new ObjectsExporter(SourceConfig.load(config).objects(), 2, Duration.ZERO)
                        .export(store, new Progress(Progress.Mode.QUIET, new PrintStream(java.io.OutputStream.nullOutputStream()), Clock.systemUTC()));
                assertEquals(objects.size(), result.objects());
            }
            writer.finish();
        }

        Map<String, byte[]> carried = new ConcurrentHashMap<>();
        BundleVerifier.verify(bundle, keys.signerPublic(), keys.decryption()).read("objects", 1, e -> {
            if (e.path().startsWith("objects/")) {
                try (InputStream in = e.open()) {
                    carried.put(e.metadata().path("key").asText(), in.readAllBytes());
                }
            }
        });
        assertEquals(objects.keySet(), carried.keySet());
        objects.forEach((key, body) -> assertArrayEquals(body, carried.get(key), key));
    }
}
