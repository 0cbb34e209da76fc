package dev.ferry.importer.validate;

import dev.ferry.importer.config.ConflictPolicy;
import dev.ferry.importer.config.UsernameTuples;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.objects.ObjectStoreClient;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The Target stores validation reads, through the same clients the load wrote them with; a field is null when
 * target.yaml does not configure that store or validate --stores leaves it out.
 *
 * @param postgres          the Target database, read with the content definition the export used
 * @param conflicts         per table, the postgres.conflicts policy the load merged under (target.yaml)
 * @param keycloak          the Target realm's Keycloak
 * @param openfga           the Target OpenFGA store the load wrote
 * @param usernameTuples    whether the load dropped or mapped username-form subjects
 * @param openFgaStoreName  the store name target.yaml gives the load (openfga.storeName), null without an openfga section
 * @param objects           the Target object storage
 * @param bucketMap         Source bucket → Target bucket (target.yaml objects.bucketMap)
 * @param objectConcurrency how many objects to hash at once
 */
public record TargetStores(TargetPostgres postgres, Function<String, ConflictPolicy> conflicts, KeycloakClient keycloak,
        OpenFgaStoreClient openfga, UsernameTuples usernameTuples, String openFgaStoreName, ObjectStoreClient objects,
        UnaryOperator<String> bucketMap, int objectConcurrency) {
}
