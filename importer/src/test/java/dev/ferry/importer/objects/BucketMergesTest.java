package dev.ferry.importer.objects;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.archive.read.IndexEntry;
import dev.ferry.common.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** objects.bucketMap may merge Source buckets, but never so that one document overwrites another. */
class BucketMergesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<IndexEntry> objects = new ArrayList<>();

    private void object(String bucket, String key) {
        objects.add(new IndexEntry("objects", "objects/" + objects.size(), 1, "00", Map.of(),
                JSON.createObjectNode().put("bucket", bucket).put("key", key)));
    }

    private static UnaryOperator<String> map(Map<String, String> bucketMap) {
        return b -> bucketMap.getOrDefault(b, b);
    }

    @Test
    void sameKeyInBucketsKeptApartIsFine() {
        object("documents", "u1/input/report.pdf");
        object("banners", "u1/input/report.pdf");
        assertDoesNotThrow(() -> BucketMerges.refuseOverwrites(objects, map(Map.of())));
        assertDoesNotThrow(() -> BucketMerges.refuseOverwrites(objects, map(Map.of("documents", "docs", "banners", "pics"))));
    }

    @Test
    void mergingBucketsWithDisjointKeysIsFine() {
        object("documents", "u1/input/report.pdf");
        object("banners", "teams/t1/banner.png");
        object("documents", "u1/output/report.md");
        assertDoesNotThrow(() -> BucketMerges.refuseOverwrites(objects, map(Map.of("documents", "all", "banners", "all"))));
    }

    @Test
    void mergingBucketsThatShareAKeyIsRefusedWithoutNamingTheKey() {
        object("documents", "u1/input/Rapport annuel.pdf");
        object("documents", "u1/output/out.md");
        object("banners", "u1/input/Rapport annuel.pdf");
        object("banners", "u1/output/out.md");
        object("banners", "teams/t1/banner.png");
        ConfigException e = assertThrows(ConfigException.class,
                () -> BucketMerges.refuseOverwrites(objects, map(Map.of("documents", "all", "banners", "all"))));
        String text = e.problem() + " " + e.fix();
        assertTrue(text.contains("Source buckets 'banners' and 'documents' both hold 2 object key(s)")
                || text.contains("Source buckets 'documents' and 'banners' both hold 2 object key(s)"), text);
        assertTrue(text.contains("'all'") && text.contains("objects.bucketMap"), text);
        assertFalse(text.contains("Rapport") || text.contains("out.md"), "object keys are document names: " + text);
    }

    @Test
    void mappingOneBucketOntoAnotherSourceBucketsNameIsCheckedToo() {
        object("documents", "a.pdf");
        object("archive", "a.pdf");
        ConfigException e = assertThrows(ConfigException.class,
                () -> BucketMerges.refuseOverwrites(objects, map(Map.of("archive", "documents"))));
        assertTrue(e.problem().contains("1 object key(s)") && e.problem().contains("'documents'"), e.problem());
    }
}
