package dev.ferry.tests.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

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
        Path runDir = RunDirectory.create(options.workDir());
        try (ParallelStart starting = new ParallelStart()) {
            Map<Role, Side> sides = new EnumMap<>(Role.class);
            try {
                Map<Role, Pending> pending = new EnumMap<>(Role.class);
                for (Role role : Role.values()) {
                    Path dir = runDir.resolve(role.label());
                    String label = " " + role.label();
                    pending.put(role, new Pending(
                            starting.submit("postgres" + label, () -> factory.postgres(role, dir)),
                            starting.submit("keycloak" + label, () -> factory.keycloak(role, dir)),
                            starting.submit("s3" + label, () -> factory.s3(role, dir)),
                            starting.submit("openfga" + label, () -> factory.openfga(role, dir))));
                }
                starting.awaitAll();
                for (Role role : Role.values()) {
                    sides.put(role, pending.get(role).side(role, options.databaseName()));
                }
            } catch (RuntimeException e) {
                starting.abort(e);
                RunDirectory.keepOnlyLogs(runDir);
                throw e;
            }
            Side source = sides.get(Role.SOURCE);
            String description = String.join("; ", source.postgres.description(), source.keycloak.description(),
                    source.s3.description(), source.openfga.description());
            System.out.println("[ferry harness] stores for source and target (" + factory.modeExplanation() + "): "
                    + description);
            System.out.println("[ferry harness] " + starting.report());
            return new Stores(options, runDir, sides, description);
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

    /** Stops the eight stores side by side (a Keycloak takes seconds to stop), then deletes the run directory. */
    private void stopAll() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long begin = System.nanoTime();
        List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> stoppers = sides.values().stream().flatMap(side -> side.stores().stream())
                .map(store -> new Thread(() -> {
                    try {
                        store.close();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }, "ferry-stores-stop")).toList();
        stoppers.forEach(Thread::start);
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RunDirectory.delete(runDir);
        System.out.printf(Locale.ROOT, "[ferry harness] stores stopped in %.1f s%n", (System.nanoTime() - begin) / 1e9);
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** One role's four starts, in flight. */
    private record Pending(CompletableFuture<PostgresServer> postgres, CompletableFuture<KeycloakServer> keycloak,
            CompletableFuture<S3Server> s3, CompletableFuture<OpenFgaServer> openfga) {

        Side side(Role role, String database) {
            PostgresServer pg = postgres.join();
            PostgresEndpoint kea = KeaDatabase.create(pg.admin(), database);
            StoreSet set = new StoreSet(role, kea, keycloak.join().endpoint(), openfga.join().endpoint(),
                    s3.join().endpoint());
            return new Side(pg, keycloak.join(), s3.join(), openfga.join(), set);
        }
    }

    private record Side(PostgresServer postgres, KeycloakServer keycloak, S3Server s3, OpenFgaServer openfga,
            StoreSet set) {

        List<RunningStore> stores() {
            return List.of(keycloak, openfga, s3, postgres);
        }
    }
}
