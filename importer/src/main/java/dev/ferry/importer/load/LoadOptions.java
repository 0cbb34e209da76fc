package dev.ferry.importer.load;

import dev.ferry.archive.keys.Passphrase;
import java.nio.file.Path;
import java.util.List;

/**
 * What the operator asked of {@code ferry-import load}.
 *
 * @param stores            the stores to load, a subset of {@link LoadRunner#ORDER}
 * @param keycloakOverwrite partialImport OVERWRITE instead of SKIP (destructive; explicit request only)
 */
public record LoadOptions(Path bundleDir, Path config, Path signer, Path decryptionKey, Passphrase passphrase, List<String> stores,
        boolean dryRun, boolean resume, boolean keycloakOverwrite) {
}
