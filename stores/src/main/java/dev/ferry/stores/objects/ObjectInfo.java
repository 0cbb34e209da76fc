package dev.ferry.stores.objects;

/** An object as listed: bucket, key, size and etag. Keys hold document file names: never log them. */
public record ObjectInfo(String bucket, String key, long size, String etag) {
}
