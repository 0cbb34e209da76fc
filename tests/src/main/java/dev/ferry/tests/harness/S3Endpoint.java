package dev.ferry.tests.harness;

/** An S3-compatible endpoint URL (e.g. {@code http://127.0.0.1:41235}) and its access keys. */
public record S3Endpoint(String endpoint, String accessKey, String secretKey) {
}
