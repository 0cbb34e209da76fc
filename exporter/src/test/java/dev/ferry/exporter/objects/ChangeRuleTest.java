package dev.ferry.exporter.objects;

import dev.ferry.stores.objects.ObjectInfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.exporter.objects.ChangeRule.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The change-detection rule of docs/bundle-contents.md, case by case. */
class ChangeRuleTest {
    private static final Instant LISTED = Instant.parse("2026-11-24T16:30:00Z");
    private static final Instant LONG_BEFORE = LISTED.minus(Duration.ofHours(2));
    private static final String SHA = "a".repeat(64);
    private static final ChangeRule RULE = new ChangeRule(LISTED, Duration.ofMinutes(5), false);
    private static final ChangeRule COMPARE = new ChangeRule(LISTED, Duration.ofMinutes(5), true);
    private static final CatalogEntry BASE = new CatalogEntry("b", "k", 10, "e1", LONG_BEFORE, SHA);

    private static ObjectInfo now(long size, String etag, Instant modified) {
        return new ObjectInfo("b", "k", size, etag, modified);
    }

    @Test
    void anObjectTheBaseLacksIsAdded() {
        assertEquals(Verdict.ADDED, RULE.classify(now(10, "e1", LONG_BEFORE), null));
    }

    @Test
    void sizeOrEtagChangesAreCaughtWhateverTheTime() {
        assertEquals(Verdict.CHANGED, RULE.classify(now(11, "e1", LONG_BEFORE), BASE));
        assertEquals(Verdict.CHANGED, RULE.classify(now(10, "e2", LONG_BEFORE), BASE));
        assertEquals(Verdict.CHANGED, RULE.classify(now(10, null, LONG_BEFORE), BASE), "no ETag proves nothing");
    }

    @Test
    void aRewriteWithTheSameEtagIsCaughtByTimeWithinTheMargin() {
        assertEquals(Verdict.CHANGED, RULE.classify(now(10, "e1", LISTED.plusSeconds(1)), BASE), "after the listing");
        assertEquals(Verdict.CHANGED, RULE.classify(now(10, "e1", LISTED.minusSeconds(299)), BASE), "within the margin (clock skew)");
        assertEquals(Verdict.UNCHANGED, RULE.classify(now(10, "e1", LISTED.minusSeconds(301)), BASE), "before the margin");
        assertEquals(Verdict.CHANGED, RULE.classify(now(10, "e1", null), BASE), "no time proves nothing");
    }

    @Test
    void aZeroMarginComparesWithTheListingTimeItself() {
        ChangeRule exact = new ChangeRule(LISTED, Duration.ZERO, false);
        assertEquals(Verdict.UNCHANGED, exact.classify(now(10, "e1", LISTED), BASE));
        assertEquals(Verdict.CHANGED, exact.classify(now(10, "e1", LISTED.plusMillis(1)), BASE));
        assertThrows(IllegalArgumentException.class, () -> new ChangeRule(LISTED, Duration.ofSeconds(-1), false));
    }

    @Test
    void compareContentHashesWhatMetadataCallsUnchanged() {
        assertEquals(Verdict.COMPARE_CONTENT, COMPARE.classify(now(10, "e1", LONG_BEFORE), BASE));
        assertEquals(Verdict.CHANGED, COMPARE.classify(now(10, "e2", LONG_BEFORE), BASE), "metadata already says changed: no read to decide");
    }

    @Test
    void aMultipartEtagWithoutTheBasesHashIsCarried() {
        CatalogEntry noHash = new CatalogEntry("b", "k", 10, "9b2cf535f27731c974343645a3985328-3", LONG_BEFORE, null);
        assertEquals(Verdict.CHANGED, RULE.classify(now(10, "9b2cf535f27731c974343645a3985328-3", LONG_BEFORE), noHash));
        CatalogEntry md5NoHash = new CatalogEntry("b", "k", 10, "9b2cf535f27731c974343645a3985328", LONG_BEFORE, null);
        assertEquals(Verdict.UNCHANGED, RULE.classify(now(10, "9b2cf535f27731c974343645a3985328", LONG_BEFORE), md5NoHash),
                "a single-part ETag is the content's MD5");
        assertEquals(Verdict.CHANGED, COMPARE.classify(now(10, "9b2cf535f27731c974343645a3985328", LONG_BEFORE), md5NoHash),
                "compare-content cannot compare without the base's hash: it carries");
    }
}
