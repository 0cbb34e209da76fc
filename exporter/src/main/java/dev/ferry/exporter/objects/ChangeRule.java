package dev.ferry.exporter.objects;

import dev.ferry.stores.objects.ObjectInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which listed objects a delta carries (docs/bundle-contents.md, "Change detection"). An object present in the base's
 * catalog is changed when its size or ETag differs, or when the server's last-modified time is later than the base's
 * listing time minus a safety margin: both tests, so a store that rewrites identical content (same ETag, new time) is
 * carried, and so is a change that a skewed clock or a write during the base's own pass hides from one of them.
 * With {@code compareContent}, every object that passes both tests is read and hashed again and compared with the
 * base's SHA-256, for stores whose ETags cannot be trusted. An object whose ETag is multipart-shaped ("-N" suffix)
 * and whose SHA-256 the base never recorded is carried: nothing is skipped on an ETag that proves nothing.
 *
 * @param baseListedAt  when the base pass started listing objects, by the exporter's clock
 * @param safetyMargin  how much earlier than that a last-modified time still counts as a change
 */
public record ChangeRule(Instant baseListedAt, Duration safetyMargin, boolean compareContent) {
    /** The default margin: clock skew between the exporter and the store, and writes in flight at the base's listing. */
    public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);
    private static final Pattern MULTIPART_ETAG = Pattern.compile(".*-[0-9]+");

    /** What a delta does with a listed object. */
    public enum Verdict {
        /** Not in the base: carried. */
        ADDED,
        /** In the base, and size, ETag or time says it changed: carried. */
        CHANGED,
        /** In the base, and nothing says it changed: not carried. */
        UNCHANGED,
        /** In the base, metadata unchanged, compare-content mode: read it, hash it, carry it if the hash differs. */
        COMPARE_CONTENT
    }

    public ChangeRule {
        Objects.requireNonNull(baseListedAt, "baseListedAt");
        if (safetyMargin == null || safetyMargin.isNegative()) {
            throw new IllegalArgumentException("the safety margin must be zero or positive");
        }
    }

    /** The last-modified time after which an object counts as changed. */
    public Instant changedAfter() {
        return baseListedAt.minus(safetyMargin);
    }

    public Verdict classify(ObjectInfo now, CatalogEntry base) {
        if (base == null) {
            return Verdict.ADDED;
        }
        if (now.size() != base.size() || now.etag() == null || !now.etag().equals(base.etag())) {
            return Verdict.CHANGED;
        }
        if (now.lastModified() == null || now.lastModified().isAfter(changedAfter())) {
            return Verdict.CHANGED;
        }
        if (base.sha256() == null) {
            // Without the base's hash nothing can be compared: only an ETag that is the content's MD5 may be trusted.
            return multipart(now.etag()) || compareContent ? Verdict.CHANGED : Verdict.UNCHANGED;
        }
        return compareContent ? Verdict.COMPARE_CONTENT : Verdict.UNCHANGED;
    }

    /** An ETag of a multipart upload ("&lt;md5 of part md5s&gt;-&lt;parts&gt;"), which is no hash of the content. */
    static boolean multipart(String etag) {
        return etag != null && MULTIPART_ETAG.matcher(etag).matches();
    }
}
