package dev.ferry.exporter.freeze;

import dev.ferry.exporter.keycloak.KeycloakExporter;
import dev.ferry.exporter.objects.ObjectCatalog;
import dev.ferry.exporter.openfga.OpenFgaExporter;
import dev.ferry.stores.postgres.TableCopier;
import java.util.Map;

/**
 * What a pass read from each store, for the freeze guard to compare with the Source at the end of the pass. A
 * section is null when its store was not exported.
 *
 * @param tables   per carried table, the COPY fingerprint and rows (the bundle's entry SHA-256)
 * @param keycloak users (id → digest of the user as read) and the group tree's digest
 * @param openfga  the tuple-set fingerprint and the number of tuples
 * @param objects  the object listing (bucket, key, size, ETag)
 */
public record SourceReading(Map<String, TableCopier.CopyResult> tables, KeycloakExporter.Reading keycloak,
        OpenFgaExporter.Reading openfga, ObjectCatalog objects) {
}
