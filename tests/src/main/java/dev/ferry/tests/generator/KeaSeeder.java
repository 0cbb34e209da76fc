package dev.ferry.tests.generator;

import dev.ferry.common.FerryException;
import dev.ferry.common.StoreException;
import dev.ferry.tests.harness.StoreSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Writes a {@link KeaDataset} into real stores through the production client libraries only: JDBC, the Keycloak
 * admin client, the OpenFGA SDK and the MinIO SDK. The four stores are seeded in parallel. Existing data under the
 * same names (tables' rows, the realm, the store, the objects' keys) is replaced.
 */
public final class KeaSeeder {
    private KeaSeeder() {
    }

    public static SeedReport seed(KeaDataset dataset, StoreSet stores, SeedNames names) {
        long start = System.nanoTime();
        // Own threads: the common pool has a single worker on a 2-core machine and would seed one store at a time.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            return seed(dataset, stores, names, pool, start);
        } finally {
            pool.shutdownNow();
        }
    }

    private static SeedReport seed(KeaDataset dataset, StoreSet stores, SeedNames names, ExecutorService pool,
            long start) {
        CompletableFuture<Timed<Long>> postgres = timed(pool,
                () -> new PostgresSeeder().seed(dataset, stores.postgres()));
        CompletableFuture<Timed<Boolean>> keycloak = timed(pool, () -> {
            new KeycloakSeeder().seed(dataset, stores.keycloak(), names.realm());
            return true;
        });
        CompletableFuture<Timed<OpenFgaSeeder.Created>> openFga = timed(pool,
                () -> new OpenFgaSeeder().seed(dataset, stores.openfga(), names.openFgaStore()));
        CompletableFuture<Timed<Boolean>> s3 = timed(pool, () -> {
            new S3Seeder().seed(dataset, stores.s3(), names.bucketPrefix());
            return true;
        });
        try {
            CompletableFuture.allOf(postgres, keycloak, openFga, s3).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof FerryException f) {
                throw f;
            }
            throw new StoreException("seeding the " + stores.role() + " stores failed: " + e.getCause(),
                    "see the cause below", e.getCause());
        }
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        return new SeedReport(postgres.join().took(), keycloak.join().took(), openFga.join().took(), s3.join().took(),
                total, openFga.join().value().storeId(), openFga.join().value().modelId(), postgres.join().value(),
                dataset.users().size(), dataset.tuples().size(), dataset.objects().size(), dataset.objectBytes());
    }

    private record Timed<T>(T value, Duration took) {
    }

    private static <T> CompletableFuture<Timed<T>> timed(ExecutorService pool, Supplier<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            T value = work.get();
            return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
        }, pool);
    }
}
