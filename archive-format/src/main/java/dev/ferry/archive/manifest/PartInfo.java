package dev.ferry.archive.manifest;

/**
 * One part file as the manifest lists it.
 *
 * @param file     the file name inside the bundle directory, e.g. "objects-0003.tar.zst.gpg"
 * @param size     the file's size in bytes
 * @param sha256   lower-case hex SHA-256 of the file (the ciphertext)
 * @param store    the store whose data it holds
 * @param sequence the part's position in the whole bundle, from 1
 */
public record PartInfo(String file, long size, String sha256, String store, int sequence) {
}
