package dev.ferry.exporter.objects;

import dev.ferry.stores.objects.ObjectInfo;

import java.time.Instant;

/**
 * One object of a pass's catalog: what the listing said, and the SHA-256 of its bytes (from the copy into the bundle,
 * from a compare-content read, or inherited from the base's catalog when neither pass read it again). Keys hold
 * document file names: a catalog only ever goes into the encrypted bundle or the exporter's sealed state.
 *
 * @param lastModified the server's last-modified time; null when it gave none
 * @param sha256       lower-case hex; null only when no pass ever read the object (never in a catalog Ferry wrote)
 */
public record CatalogEntry(String bucket, String key, long size, String etag, Instant lastModified, String sha256) {

    static CatalogEntry of(ObjectInfo listed, String sha256) {
        return new CatalogEntry(listed.bucket(), listed.key(), listed.size(), listed.etag(), listed.lastModified(), sha256);
    }
}
