package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.stores.config.ConfigLoader;
import dev.ferry.stores.config.ObjectsConfig;
import dev.ferry.stores.objects.BucketListings;
import dev.ferry.stores.objects.ObjectInfo;
import dev.ferry.stores.objects.ObjectStoreClient;
import dev.ferry.tests.harness.S3Endpoint;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listing a freeze's load and validate read a bucket's objects from, against a real S3 server: listed in ranges at
 * once, it holds exactly what one plain listing holds (key, size, ETag), whatever the split keys: a sample of the
 * bucket, keys it no longer holds, keys outside it, non-ASCII keys the server may sort otherwise than Java. An absent
 * bucket lists empty. The ETag is the one a stat answers, so validate's "size and ETag unchanged" means the same.
 */
@ExtendWith(StoresExtension.class)
class BucketListingsTest {
    @TempDir
    Path dir;

    @Test
    void aRangedListingHoldsExactlyWhatOnePlainListingHolds(Stores stores) throws Exception {
        S3Endpoint s3 = stores.target().s3();
        MinioClient minio = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).build();
        String bucket = "listing-" + Long.toHexString(System.nanoTime());
        minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            String doc = String.format("%032x", new java.math.BigInteger(128, new Random(i)));
            keys.add(doc + "/input/" + (i % 7 == 0 ? "Compte rendu — réunion " + i + ".pdf" : i % 11 == 0 ? "\uD83D\uDCC4 " + i + ".md" : "file-" + i + ".txt"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> puts = new ArrayList<>();
        for (String key : keys) {
            byte[] body = ("body of " + key).getBytes(StandardCharsets.UTF_8);
            puts.add(pool.submit(() -> minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(body), body.length, -1).build())));
        }
        for (Future<?> f : puts) {
            f.get();
        }
        pool.shutdown();
        ObjectStoreClient client = client(s3);
        NavigableMap<String, ObjectInfo> plain = client.listAll(bucket);
        assertTrue(plain.keySet().containsAll(keys), "every written key is listed");

        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(3));
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            stale.add(String.format("%032x", new java.math.BigInteger(128, new Random(10_000 + i))) + "/gone.txt");
        }
        List<String> outside = List.of("", "~~~", "\uFFFF", "0", "zzzz");
        for (List<String> sample : List.of(shuffled, stale, concat(stale.subList(0, 600), outside, shuffled.subList(0, 600)))) {
            NavigableMap<String, ObjectInfo> ranged = client.listAll(bucket, sample, 4);
            assertEquals(plain, ranged, "the ranged listing equals the plain one");
        }

        BucketListings listings = new BucketListings(client, 4);
        keys.forEach(k -> listings.expect(bucket, k));
        String some = keys.get(5);
        var stat = client.stat(bucket, some).orElseThrow();
        assertEquals(stat.size(), listings.stat(bucket, some).orElseThrow().size());
        assertEquals(stat.etag(), listings.stat(bucket, some).orElseThrow().etag(), "the listing states the ETag a stat answers");
        assertTrue(listings.anyUnder(bucket, some.substring(0, 33)));
        assertFalse(listings.anyUnder(bucket, "0badc0de0badc0de0badc0de0badc0de/"));
        assertTrue(listings.stat(bucket, "absent/key").isEmpty());
        assertTrue(client.listAll("no-such-bucket-" + Long.toHexString(System.nanoTime()), keys, 4).isEmpty(), "an absent bucket lists empty");
    }

    private ObjectStoreClient client(S3Endpoint s3) throws Exception {
        Files.writeString(dir.resolve("access"), s3.accessKey());
        Files.writeString(dir.resolve("secret"), s3.secretKey());
        Path yaml = dir.resolve("objects.yaml");
        Files.writeString(yaml, "endpoint: " + s3.endpoint() + "\naccessKey: ${file:" + dir.resolve("access") + "}\nsecretKey: ${file:"
                + dir.resolve("secret") + "}\n");
        return new ObjectStoreClient(ConfigLoader.load(yaml, ObjectsConfig.class, "docs/target.example.yaml", Map.of()));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
