package dev.ferry.tests.e2e.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose metadata lies: S3Proxy's filesystem store keeps an object's ETag in an extended attribute, so bytes
 * changed behind its back (same length, modification time put back) leave size, ETag and Last-Modified as they were.
 * That is the case compare-content exists for. The default rule, which trusts that metadata, does not carry the object
 * (the documented limit, asserted so it stays known); {@code --compare-content} reads, hashes and carries it.
 * The test runs its own S3Proxy over a directory it owns, so it can reach behind the server.
 */
class CompareContentTest {
    private static final String BUCKET = "cmp-documents";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void compareContentCarriesAChangeThatSizeEtagAndTimeHide() throws Exception {
        Path blobs = Files.createDirectories(dir.resolve("blobs"));
        String access = "cmp-" + hex(6);
        String secret = hex(20);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", blobs.toString());
        try (BlobStoreContext context = ContextBuilder.newBuilder("filesystem-nio2").credentials(access, secret).overrides(properties)
                .buildView(BlobStoreContext.class)) {
            S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, access, secret).build();
            proxy.start();
            try {
                while (!proxy.getState().equals("STARTED")) {
                    if (proxy.getState().equals("FAILED")) {
                        throw new IllegalStateException("S3Proxy did not start");
                    }
                    Thread.sleep(10);
                }
                run(blobs, "http://127.0.0.1:" + proxy.getPort(), access, secret);
            } finally {
                proxy.stop();
            }
        }
    }

    private void run(Path blobs, String endpoint, String access, String secret) throws Exception {
        MinioClient s3 = MinioClient.builder().endpoint(endpoint).credentials(access, secret).build();
        s3.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        Random rnd = new Random(12_003);
        List<String> objectKeys = List.of("doc-1/input/report.pdf", "doc-2/input/minutes.docx", "doc-3/input/plan.xlsx");
        for (String key : objectKeys) {
            byte[] body = new byte[50_000 + rnd.nextInt(50_000)];
            rnd.nextBytes(body);
            s3.putObject(PutObjectArgs.builder().bucket(BUCKET).object(key).stream(new ByteArrayInputStream(body), body.length, -1).build());
        }
        Path cfg = Files.createDirectories(dir.resolve("cfg"));
        ExportFixture.secret(cfg, "s3-access.secret", access);
        ExportFixture.secret(cfg, "s3-secret.secret", secret);
        Path config = cfg.resolve("source.yaml");
        Files.writeString(config, """
                objects:
                  endpoint: %s
                  accessKey: ${file:s3-access.secret}
                  secretKey: ${file:s3-secret.secret}
                  buckets:
                    names: [%s]
                source:
                  label: compare e2e
                """.formatted(endpoint, BUCKET));
        ExportFixture.Keys keys = ExportFixture.Keys.generate(dir.resolve("keys"));

        ExportFixture.Result first = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, dir.resolve("pass1"), "--stores", "objects", "--live"));
        assertEquals(0, first.exitCode(), first::toString);
        Path base = ExportFixture.bundleIn(dir.resolve("pass1"));

        // Behind the server's back: new bytes of the same length, the file's time put back.
        String victim = objectKeys.get(1);
        StatObjectResponse before = s3.statObject(StatObjectArgs.builder().bucket(BUCKET).object(victim).build());
        Path file = blobs.resolve(BUCKET).resolve(victim);
        FileTime mtime = Files.getLastModifiedTime(file);
        byte[] forged = new byte[(int) Files.size(file)];
        new Random(99).nextBytes(forged);
        Files.write(file, forged);
        Files.setLastModifiedTime(file, mtime);
        StatObjectResponse after = s3.statObject(StatObjectArgs.builder().bucket(BUCKET).object(victim).build());
        // The precondition: the server reports the object exactly as before, though its bytes differ.
        assertEquals(before.size(), after.size());
        assertEquals(before.etag(), after.etag());
        assertEquals(before.lastModified(), after.lastModified());
        String forgedSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(forged));

        // The default rule trusts size, ETag and time: it carries nothing.
        ExportFixture.Result trusting = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, dir.resolve("pass2"), "--stores", "objects",
                "--since", base.toString(), "--safety-margin", "0s"));
        assertEquals(0, trusting.exitCode(), trusting::toString);
        JsonNode t = JSON.readTree(trusting.stdout()).path("objectsDelta");
        assertEquals(0, t.path("changed").asLong(), t::toString);
        assertEquals(3, t.path("unchanged").asLong(), t::toString);
        BundleContents trustingBundle = BundleContents.read(ExportFixture.bundleIn(dir.resolve("pass2")), keys);
        assertEquals(List.of(), trustingBundle.objects);
        JsonNode staleLine = trustingBundle.catalog.stream().filter(c -> c.path("key").asText().equals(victim)).findFirst().orElseThrow();
        assertNotEquals(forgedSha, staleLine.path("sha256").asText(), "the catalog still has the base's hash: the change went unseen");

        // The plan says what compare-content will read.
        ExportFixture.Result plan = ExportFixture.run(dir, "plan", "--config", config.toString(), "--stores", "objects", "--since", base.toString(),
                "--signing-key", keys.signer().secretKey().toString(), "--compare-content", "--safety-margin", "0s", "--json");
        assertEquals(0, plan.exitCode(), plan::toString);
        JsonNode p = JSON.readTree(plan.stdout()).path("delta");
        assertEquals(3, p.path("toCompare").asLong(), p::toString);
        assertEquals(0, p.path("changed").asLong(), p::toString);

        // The same for a person.
        ExportFixture.Result planText = ExportFixture.run(dir, "plan", "--config", config.toString(), "--stores", "objects", "--since",
                base.toString(), "--signing-key", keys.signer().secretKey().toString(), "--compare-content", "--safety-margin", "0s");
        assertEquals(0, planText.exitCode(), planText::toString);
        assertTrue(planText.stdout().contains("Delta       since bundle " + p.path("base").asText()), planText::toString);
        assertTrue(planText.stdout().contains("objects added 0 (0 B), changed 0 (0 B), deleted 0 (0 B); 0 unchanged"), planText::toString);
        assertTrue(planText.stdout().contains("compare-content reads and hashes 3 more objects"), planText::toString);

        // compare-content reads every object the base holds, and carries the one whose SHA-256 differs.
        ExportFixture.Result comparing = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, dir.resolve("pass3"), "--stores", "objects",
                "--since", base.toString(), "--safety-margin", "0s", "--compare-content"));
        assertEquals(0, comparing.exitCode(), comparing::toString);
        JsonNode c = JSON.readTree(comparing.stdout()).path("objectsDelta");
        assertEquals(3, c.path("compared").asLong(), c::toString);
        assertEquals(1, c.path("changed").asLong(), c::toString);
        assertEquals(2, c.path("unchanged").asLong(), c::toString);
        Path delta = ExportFixture.bundleIn(dir.resolve("pass3"));
        BundleContents contents = BundleContents.read(delta, keys);
        assertEquals(1, contents.objects.size());
        assertEquals(victim, contents.objects.get(0).key());
        assertEquals(forgedSha, contents.objects.get(0).sha256(), "the bytes the server serves now");
        JsonNode line = contents.catalog.stream().filter(l -> l.path("key").asText().equals(victim)).findFirst().orElseThrow();
        assertEquals(forgedSha, line.path("sha256").asText());
        assertTrue(contents.bundle.manifest().notes().get("change-detection").contains("compare-content"));

        // A person's summary of a delta names the base, the changes and the guard.
        List<String> args = new java.util.ArrayList<>(List.of(ExportFixture.runArgs(config, keys, dir.resolve("pass4"), "--stores", "objects",
                "--since", delta.toString(), "--safety-margin", "0s")));
        args.remove("--json");
        ExportFixture.Result text = ExportFixture.run(dir, args.toArray(String[]::new));
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.stdout().contains("delta (format version 2) of base bundle " + contents.bundle.manifest().bundleId()), text::toString);
        assertTrue(text.stdout().contains("objects since the base: 0 added (0 B), 0 changed (0 B), 0 deleted (0 B), 3 unchanged"), text::toString);
        assertTrue(text.stdout().contains("freeze guard: checked"), text::toString);
        assertTrue(text.stderr().contains("Delta since bundle " + contents.bundle.manifest().bundleId()), text::toString);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
