package dev.ferry.stores.objects;

import java.time.Instant;

/**
 * An object as listed: bucket, key, size, ETag and the server's last-modified time (null when the server gave none).
 * Keys hold document file names: never log them.
 */
public record ObjectInfo(String bucket, String key, long size, String etag, Instant lastModified) {
}
