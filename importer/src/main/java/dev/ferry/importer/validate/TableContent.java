package dev.ferry.importer.validate;

/** A table's row count and content fingerprint (SHA-256 of its defined COPY output, docs/bundle-contents.md). */
record TableContent(long rows, String sha256) {
}
