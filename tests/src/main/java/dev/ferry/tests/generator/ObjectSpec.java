package dev.ferry.tests.generator;

import java.util.Map;

/**
 * One object to put: where, how big, and the seed its bytes are generated from by {@link ObjectContent}. The bytes
 * themselves are never held: they are streamed when seeding and when hashing.
 */
public record ObjectSpec(KeaBucket bucket, String key, long size, String contentType, Map<String, String> userMetadata,
        long seed) {
}
