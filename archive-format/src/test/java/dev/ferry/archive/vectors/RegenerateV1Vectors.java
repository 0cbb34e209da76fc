package dev.ferry.archive.vectors;

import dev.ferry.archive.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Makes the version 1 test vectors and rewrites their listing in docs/archive-format.md. Not part of the suite (its
 * name matches no test pattern); run it by name, then commit the files and the spec together:
 * <pre>mvn -B -pl archive-format test -Dtest=RegenerateV1Vectors</pre>
 * The keys are kept when they exist, so only the bundle id, the times and the ciphertext change; delete the four
 * .asc files first to make new keys too.
 */
class RegenerateV1Vectors {
    @Test
    void regenerate() throws IOException {
        Path directory = Files.createDirectories(V1Vectors.directory());
        TestKeys keys = V1Vectors.keysCreatingThem(directory);
        Path bundle = V1Vectors.bundle(directory);
        if (Files.exists(bundle)) {
            try (Stream<Path> walk = Files.walk(bundle)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        V1Vectors.seal(bundle, keys);
        VectorsDoc.update(V1Vectors.spec(), VectorsDoc.render(directory));
    }
}
