package dev.ferry.tests.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness's S3 servers answer the MinIO Java SDK, the only client Ferry's production code uses. */
@ExtendWith(StoresExtension.class)
class S3HarnessTest {

    @Test
    void objectsRoundTripWithContentTypeMetadataAndUnicodeKeys(Stores stores) throws Exception {
        S3Endpoint endpoint = stores.source().s3();
        assertNotEquals(endpoint.endpoint(), stores.target().s3().endpoint());
        MinioClient client = MinioClient.builder().endpoint(endpoint.endpoint())
                .credentials(endpoint.accessKey(), endpoint.secretKey()).build();
        String bucket = "kea-knowledge-flow-content-" + UUID.randomUUID().toString().substring(0, 8);
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        assertTrue(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));

        String key = "0f1e2d3c4b5a69788796a5b4c3d2e1f0/input/Rapport d’été — version 2.pdf";
        byte[] body = "%PDF-1.7 not really a pdf\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(body), body.length, -1)
                .contentType("application/pdf")
                .userMetadata(Map.of("document-uid", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"))
                .build());
        client.putObject(PutObjectArgs.builder().bucket(bucket).object("teams/empty.txt")
                .stream(new ByteArrayInputStream(new byte[0]), 0, -1).build());

        StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        assertEquals(body.length, stat.size());
        assertEquals("application/pdf", stat.contentType());
        assertEquals("0f1e2d3c4b5a69788796a5b4c3d2e1f0", stat.userMetadata().get("document-uid"));
        try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            assertArrayEquals(body, in.readAllBytes());
        }
        assertEquals(0, client.statObject(StatObjectArgs.builder().bucket(bucket).object("teams/empty.txt").build())
                .size());

        // A folder made in a console: a genuine zero-byte key ending in '/', which must be listed as written.
        client.putObject(PutObjectArgs.builder().bucket(bucket).object("teams/archive/")
                .stream(new ByteArrayInputStream(new byte[0]), 0, -1).build());

        List<String> keys = new ArrayList<>();
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        // Exactly what was put, as MinIO lists it: no placeholder for the prefixes "0f1e…/", "0f1e…/input/", "teams/".
        assertEquals(List.of(key, "teams/archive/", "teams/empty.txt"), keys.stream().sorted().toList());
    }
}
