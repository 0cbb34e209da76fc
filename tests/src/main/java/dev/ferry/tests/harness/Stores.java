package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The four stores (PostgreSQL, Keycloak, OpenFGA, S3) for both roles, started together and stopped together.
 * Tests share one instance through {@link StoresExtension}; the rehearsal starts its own.
 */
public final class Stores implements AutoCloseable {
    private final HarnessOptions options;
    private final Path runDir;
    private final Map<Role, Side> sides;
    private final String description;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Stores(HarnessOptions options, Path runDir, Map<Role, Side> sides, String description) {
        this.options = options;
        this.runDir = runDir;
        this.sides = sides;
        this.description = description;
        // Child processes (Keycloak, minio, openfga) must not outlive a JVM that exits without close().
        this.shutdownHook = new Thread(this::stopAll, "ferry-stores-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts all four stores for both roles, in parallel; on any failure stops what did start and throws. */
    public static Stores start(HarnessOptions options) {
        StoreFactory factory = StoreFactory.forOptions(options);
        Path runDir = createRunDir(options);
        List<RunningStore> started = new ArrayList<>();
        Map<String, Duration> timings = new ConcurrentSkipListMap<>();
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "ferry-stores-start");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Role, CompletableFuture<PostgresServer>> pg = new EnumMap<>(Role.class);
            Map<Role, CompletableFuture<KeycloakServer>> kc = new EnumMap<>(Role.class);
            Map<Role, CompletableFuture<S3Server>> s3 = new EnumMap<>(Role.class);
            Map<Role, CompletableFuture<OpenFgaServer>> fga = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                Path dir = runDir.resolve(role.label());
                pg.put(role, async(pool, started, timings, "postgres " + role.label(),
                        () -> factory.postgres(role, dir)));
                kc.put(role, async(pool, started, timings, "keycloak " + role.label(),
                        () -> factory.keycloak(role, dir)));
                s3.put(role, async(pool, started, timings, "s3 " + role.label(),
                        () -> factory.s3(role, dir)));
                fga.put(role, async(pool, started, timings, "openfga " + role.label(),
                        () -> factory.openfga(role, dir)));
            }
            List<CompletableFuture<?>> all = new ArrayList<>();
            pg.values().forEach(all::add);
            kc.values().forEach(all::add);
            s3.values().forEach(all::add);
            fga.values().forEach(all::add);
            RuntimeException failure = awaitAll(all);
            if (failure != null) {
                synchronized (started) {
                    started.forEach(store -> closeQuietly(store, failure));
                }
                deleteQuietly(runDir);
                throw failure;
            }
            Map<Role, Side> sides = new EnumMap<>(Role.class);
            try {
            for (Role role : Role.values()) {
                PostgresServer postgres = pg.get(role).join();
                PostgresEndpoint kea = KeaDatabase.create(postgres.admin(), options.databaseName());
                KeycloakServer keycloak = kc.get(role).join();
                S3Server s3Server = s3.get(role).join();
                OpenFgaServer openfga = fga.get(role).join();
                StoreSet set = new StoreSet(role, kea, keycloak.endpoint(), openfga.endpoint(), s3Server.endpoint());
                sides.put(role, new Side(postgres, keycloak, s3Server, openfga, set));
            }
            } catch (RuntimeException e) {
                started.forEach(store -> closeQuietly(store, e));
                deleteQuietly(runDir);
                throw e;
            }
            Side source = sides.get(Role.SOURCE);
            String description = String.join("; ", source.postgres.description(), source.keycloak.description(),
                    source.s3.description(), source.openfga.description());
            Stores stores = new Stores(options, runDir, sides, description);
            System.out.println("[ferry harness] stores for source and target (" + factory.modeExplanation() + "): "
                    + description);
            System.out.printf(Locale.ROOT, "[ferry harness] started in %.1f s (%s)%n",
                    (System.nanoTime() - begin) / 1e9, timings.entrySet().stream()
                            .map(t -> String.format(Locale.ROOT, "%s %.1f s", t.getKey(), t.getValue().toMillis() / 1e3))
                            .collect(Collectors.joining(", ")));
            return stores;
        } finally {
            pool.shutdownNow();
        }
    }

    public StoreSet source() {
        return sides.get(Role.SOURCE).set;
    }

    public StoreSet target() {
        return sides.get(Role.TARGET).set;
    }

    public StoreSet of(Role role) {
        return sides.get(role).set;
    }

    /** Which implementation runs each store, e.g. "PostgreSQL 16.10 embedded; Keycloak 26.4.0 local process; …". */
    public String describe() {
        return description;
    }

    /** A fresh database on the role's server, created with the kea schema; tests isolate themselves by database. */
    public PostgresEndpoint createDatabase(Role role, String name) {
        return KeaDatabase.create(sides.get(role).postgres.admin(), name);
    }

    /**
     * Runs the distribution's {@code kc.sh export --realm R --users same_file --file F} against the role's Keycloak
     * (a full export, with password hashes and OTP secrets) while the server keeps running, and returns F.
     */
    public Path keycloakOfflineExport(Role role, String realm, Path outFile) {
        return sides.get(role).keycloak.offlineExport(realm, outFile.toAbsolutePath());
    }

    /**
     * True when the S3 server lists a zero-byte placeholder for every key prefix (S3Proxy's filesystem store does;
     * MinIO does not). Tests counting objects then leave out zero-byte keys ending in '/' that they did not write.
     */
    public boolean s3ListsDirectoryPlaceholders() {
        return sides.get(Role.SOURCE).s3 instanceof S3ProxyServer;
    }

    public HarnessOptions options() {
        return options;
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to undo
        }
    }

    private void stopAll() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException first = null;
        for (Side side : sides.values()) {
            for (RunningStore store : side.stores()) {
                try {
                    store.close();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
        }
        deleteQuietly(runDir);
        if (first != null) {
            throw first;
        }
    }

    private static <T extends RunningStore> CompletableFuture<T> async(ExecutorService pool, List<RunningStore> started,
            Map<String, Duration> timings, String label, Supplier<T> starter) {
        return CompletableFuture.supplyAsync(() -> {
            long begin = System.nanoTime();
            T store = starter.get();
            timings.put(label, Duration.ofNanos(System.nanoTime() - begin));
            synchronized (started) {
                started.add(store);
            }
            return store;
        }, pool);
    }

    private static RuntimeException awaitAll(List<CompletableFuture<?>> futures) {
        RuntimeException failure = null;
        for (CompletableFuture<?> future : futures) {
            try {
                future.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new StoreException("a store failed to start: " + e.getCause(), "see the cause below",
                                e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
            }
        }
        return failure;
    }

    private static void closeQuietly(RunningStore store, RuntimeException failure) {
        try {
            store.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static Path createRunDir(HarnessOptions options) {
        try {
            Files.createDirectories(options.workDir());
            Path dir = Files.createTempDirectory(options.workDir(), "stores-");
            for (Role role : Role.values()) {
                Files.createDirectories(dir.resolve(role.label()));
            }
            return dir;
        } catch (IOException e) {
            throw new StoreException("cannot create the harness work directory under " + options.workDir() + ": " + e,
                    "make the directory writable or point HarnessOptions.workDir elsewhere", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (UncheckedIOException e) {
            System.err.println("[ferry harness] could not delete " + dir + ": " + e.getMessage());
        }
    }

    private record Side(PostgresServer postgres, KeycloakServer keycloak, S3Server s3, OpenFgaServer openfga,
            StoreSet set) {

        List<RunningStore> stores() {
            return List.of(keycloak, openfga, s3, postgres);
        }
    }
}
