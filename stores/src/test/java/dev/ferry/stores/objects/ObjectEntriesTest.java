package dev.ferry.stores.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ObjectEntriesTest {
    @Test
    void pathsAreBucketIndexAndZeroPaddedSequenceNeverTheKey() {
        assertEquals("objects/1/000042", ObjectEntries.path(1, 42));
        assertEquals("objects/12/000001", ObjectEntries.path(12, 1));
        assertEquals("objects/2/1234567", ObjectEntries.path(2, 1_234_567), "past six digits the sequence grows, never wraps");
    }

    @Test
    void objectEntriesAreTellableFromTheStoresOtherEntries() {
        assertTrue(ObjectEntries.isObject(ObjectEntries.path(3, 7)));
        assertFalse(ObjectEntries.isObject("buckets.json"));
    }

    @Test
    void indexesAndSequencesCountFromOne() {
        assertThrows(IllegalArgumentException.class, () -> ObjectEntries.path(0, 1));
        assertThrows(IllegalArgumentException.class, () -> ObjectEntries.path(1, 0));
    }
}
