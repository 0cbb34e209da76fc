package dev.ferry.importer.validate;

import java.time.Instant;

/**
 * What the report says about the bundle the Target was compared with. Cleartext facts only.
 *
 * @param bundleId          the bundle's random id
 * @param sourceLabel       the operator's label of the Source
 * @param createdAt         when the bundle was sealed
 * @param toolVersion       the Ferry version that sealed it
 * @param signerFingerprint the pinned signer's fingerprint the bundle was verified against
 */
public record BundleFacts(String bundleId, String sourceLabel, Instant createdAt, String toolVersion, String signerFingerprint) {
}
