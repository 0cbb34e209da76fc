package dev.ferry.archive.format;

/**
 * One tar member holding a slice of an entry's plaintext.
 *
 * @param size   its size in bytes
 * @param sha256 lower-case hex SHA-256 of those bytes
 */
public record Chunk(long size, String sha256) {
}
