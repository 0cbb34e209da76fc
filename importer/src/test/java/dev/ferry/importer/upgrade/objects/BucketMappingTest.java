package dev.ferry.importer.upgrade.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.common.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketMappingTest {

    @Test
    void theKeaPrefixIsDroppedFromEveryDefaultBucket() {
        assertEquals(Map.of("kea-knowledge-flow-content-documents", "knowledge-flow-content-documents",
                "kea-knowledge-flow-content-objects", "knowledge-flow-content-objects",
                "kea-filesystem", "filesystem",
                "kea-control-plane-content-objects", "control-plane-content-objects"), BucketMapping.defaults().keaToSwift());
    }

    @Test
    void keysAreUnchanged() {
        ObjectLocation banner = new ObjectLocation("kea-control-plane-content-objects", "teams/t1/banner-7c1e.png");
        assertEquals(new ObjectLocation("control-plane-content-objects", "teams/t1/banner-7c1e.png"), BucketMapping.defaults().map(banner));
    }

    @Test
    void aLocationNeverPrintsItsKey() {
        String printed = new ObjectLocation("kea-knowledge-flow-content-documents", "9f1b/input/salaries-2026.pdf").toString();
        assertFalse(printed.contains("salaries"), printed);
    }

    @Test
    void aBucketWithoutThePrefixNeedsAnExplicitName() {
        ConfigException e = assertThrows(ConfigException.class, () -> BucketMapping.droppingPrefix(List.of("app-content-documents")));
        assertTrue(e.fix().contains("bucket mapping"), e.fix());
        assertEquals("swift-docs", BucketMapping.defaults().withOverrides(Map.of("app-content-documents", "swift-docs")).swiftBucket("app-content-documents"));
    }

    @Test
    void anUnknownBucketIsAConfigError() {
        assertThrows(ConfigException.class, () -> BucketMapping.defaults().swiftBucket("kea-other"));
    }

    @Test
    void twoBucketsCannotShareATargetNorWriteIntoAKeaBucket() {
        assertThrows(ConfigException.class, () -> BucketMapping.defaults().withOverrides(Map.of("kea-filesystem", "knowledge-flow-content-objects")));
        assertThrows(ConfigException.class, () -> new BucketMapping(Map.of("kea-a1", "kea-b1", "kea-b1", "b1")));
        assertThrows(ConfigException.class, () -> new BucketMapping(Map.of("kea-a1", "Not_A_Bucket")));
    }
}
