package dev.ferry.archive.read;

import dev.ferry.archive.manifest.PartInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Asked when reading a part with the key fails. A byte changed on the medium shows up, after decryption, as whatever
 * it happens to break (a recipient key id, the session key, a zstd frame, the MDC); the part's hash against the signed
 * manifest tells the real cause, and the refusal names that instead of the symptom.
 */
final class PartAlteration {
    static final String SINCE_SEALING = "its SHA-256 differs from the manifest's: the part was altered after it was sealed";
    static final String SINCE_VERIFICATION = "its SHA-256 differs from the manifest's: the part was altered after it was verified";

    private PartAlteration() {
    }

    /** Whether the file is no longer the one the manifest lists (false when it cannot even be read: the failure says so). */
    static boolean differs(Path file, PartInfo listed) {
        try {
            return Files.size(file) != listed.size() || !OuterCheck.sha256(file).equals(listed.sha256());
        } catch (IOException e) {
            return false;
        }
    }
}
