package dev.ferry.tests.generator;

import java.time.Duration;

/**
 * What seeding did and how long each store took (they are seeded in parallel, so {@code total} is about the
 * slowest one). The OpenFGA ids are those of the store and model just created.
 */
public record SeedReport(Duration postgres, Duration keycloak, Duration openFga, Duration s3, Duration total,
        String openFgaStoreId, String openFgaModelId, long rows, int users, int tuples, int objects, long objectBytes) {

    public String summary() {
        return String.format("seeded %d rows in %d ms, %d users in %d ms, %d tuples in %d ms, %d objects (%d bytes) "
                        + "in %d ms; total %d ms", rows, postgres.toMillis(), users, keycloak.toMillis(), tuples,
                openFga.toMillis(), objects, objectBytes, s3.toMillis(), total.toMillis());
    }
}
