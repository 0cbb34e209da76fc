package dev.ferry.stores.objects;

/**
 * How an object is named in the bundle (docs/bundle-contents.md, store "objects"): one entry per object at
 * {@code objects/<bucket-index>/<sequence>}, never at its key, because keys hold document file names. The bucket and
 * the key travel in the entry's encrypted index metadata under {@link #BUCKET} and {@link #KEY}. The exporter writes
 * these names and the importer's load and validate read them, through this one definition.
 */
public final class ObjectEntries {
    /** The folder every object entry sits in; the store's other entries (buckets.json) are outside it. */
    public static final String FOLDER = "objects/";
    /** Index metadata: the Source bucket's name. */
    public static final String BUCKET = "bucket";
    /** Index metadata: the object's key in its bucket. */
    public static final String KEY = "key";
    /** Index metadata: the object's Content-Type, as the Source answered it. */
    public static final String CONTENT_TYPE = "contentType";
    /** Index metadata: the object's x-amz-meta-* headers, names in lower case without the prefix. */
    public static final String USER_METADATA = "userMetadata";
    /** A delta's freeze catalog: one JSON line per object present on the Source, {"bucket","key","size","etag","sha256"}. */
    public static final String CATALOG = "catalog.jsonl";
    /** A delta's deletions: one JSON line per object the base held and the Source no longer does, {"bucket","key"}. */
    public static final String DELETED = "deleted.jsonl";
    /** Index metadata of a delta's object: "added" or "changed". */
    public static final String CHANGE = "change";
    /** The number of digits of an entry's sequence: six, so a listing of entries sorts in bucket order. */
    static final int SEQUENCE_DIGITS = 6;

    private ObjectEntries() {
    }

    /** The entry path of the {@code sequence}-th object (from 1) of the {@code bucketIndex}-th bucket (from 1). */
    public static String path(int bucketIndex, long sequence) {
        if (bucketIndex < 1 || sequence < 1) {
            throw new IllegalArgumentException("bucket index and sequence count from 1: " + bucketIndex + ", " + sequence);
        }
        String digits = Long.toString(sequence);
        return FOLDER + bucketIndex + "/" + "0".repeat(Math.max(0, SEQUENCE_DIGITS - digits.length())) + digits;
    }

    /** Whether an entry of the store "objects" is an object (rather than buckets.json). */
    public static boolean isObject(String entryPath) {
        return entryPath.startsWith(FOLDER);
    }
}
