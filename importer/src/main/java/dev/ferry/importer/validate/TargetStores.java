package dev.ferry.importer.validate;

import dev.ferry.importer.config.ConflictPolicy;
import dev.ferry.importer.config.UsernameTuples;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The Target stores validation reads; a field is null when target.yaml does not configure that store.
 *
 * @param postgres          the Target database, read with the fingerprint's COPY definition
 * @param conflicts         per table, the postgres.conflicts policy the load merged under (target.yaml)
 * @param keycloak          the Target realm
 * @param openfga           the Target OpenFGA store the load wrote
 * @param usernameTuples    whether the load dropped or mapped username-form subjects
 * @param objects           the Target object storage
 * @param bucketMap         Source bucket → Target bucket (target.yaml objects.bucketMap)
 * @param objectConcurrency how many objects to hash at once
 */
public record TargetStores(JdbcTargetPostgres postgres, Function<String, ConflictPolicy> conflicts, TargetKeycloak keycloak, TargetOpenFga openfga,
        UsernameTuples usernameTuples, TargetObjects objects, UnaryOperator<String> bucketMap, int objectConcurrency) {
}
