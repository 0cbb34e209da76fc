package dev.ferry.tests.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the harness starts and where it keeps its files.
 *
 * @param databaseName the kea database created on each PostgreSQL server ("fred" in the runbook, "fred_kea" in
 *                     the real configs)
 * @param mode         containers, local processes, or automatic
 * @param keycloakDist the {@code keycloak-quarkus-dist} zip used by local mode
 * @param workDir      parent of each run's scratch directory (deleted on close)
 * @param cacheDir     where reusable artefacts live across runs and worktrees (the golden Keycloak)
 */
public record HarnessOptions(String databaseName, StoreMode mode, Path keycloakDist, Path workDir, Path cacheDir) {

    public static final String KEYCLOAK_VERSION = "26.4.0";
    public static final String MODE_PROPERTY = "ferry.stores";
    public static final String MODE_ENV = "FERRY_STORES";
    public static final String DIST_PROPERTY = "ferry.keycloak.dist";

    public HarnessOptions {
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(keycloakDist, "keycloakDist");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(cacheDir, "cacheDir");
        DatabaseNames.requireValid(databaseName);
    }

    /**
     * Database "fred"; the mode from {@code -Dferry.stores} or {@code FERRY_STORES} (default auto); the
     * Keycloak zip from {@code -Dferry.keycloak.dist}, else from tests/target/keycloak-dist, else from the local
     * Maven repository; scratch under java.io.tmpdir; the cache under $XDG_CACHE_HOME/ferry or ~/.cache/ferry.
     */
    public static HarnessOptions defaults() {
        return fromEnvironment(System.getenv());
    }

    static HarnessOptions fromEnvironment(Map<String, String> env) {
        return new HarnessOptions("fred", modeFrom(env), keycloakDistFrom(), Path.of(System.getProperty("java.io.tmpdir"),
                "ferry-harness"), cacheFrom(env));
    }

    public HarnessOptions withDatabaseName(String name) {
        return new HarnessOptions(name, mode, keycloakDist, workDir, cacheDir);
    }

    public HarnessOptions withMode(StoreMode newMode) {
        return new HarnessOptions(databaseName, newMode, keycloakDist, workDir, cacheDir);
    }

    public HarnessOptions withKeycloakDist(Path zip) {
        return new HarnessOptions(databaseName, mode, zip, workDir, cacheDir);
    }

    public HarnessOptions withWorkDir(Path dir) {
        return new HarnessOptions(databaseName, mode, keycloakDist, dir, cacheDir);
    }

    public HarnessOptions withCacheDir(Path dir) {
        return new HarnessOptions(databaseName, mode, keycloakDist, workDir, dir);
    }

    private static StoreMode modeFrom(Map<String, String> env) {
        String property = System.getProperty(MODE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return StoreMode.parse(property, "-D" + MODE_PROPERTY);
        }
        String fromEnv = env.get(MODE_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return StoreMode.parse(fromEnv, MODE_ENV);
        }
        return StoreMode.AUTO;
    }

    /** The candidates in order; the first that exists wins, else the last one (so the error names a real place). */
    static List<Path> keycloakDistCandidates() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty(DIST_PROPERTY);
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        }
        String zip = "keycloak-quarkus-dist-" + KEYCLOAK_VERSION + ".zip";
        candidates.add(Path.of("tests", "target", "keycloak-dist", zip).toAbsolutePath());
        candidates.add(Path.of("target", "keycloak-dist", zip).toAbsolutePath());
        String m2 = System.getProperty("maven.repo.local");
        Path repo = m2 != null && !m2.isBlank() ? Path.of(m2)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        candidates.add(repo.resolve(Path.of("org", "keycloak", "keycloak-quarkus-dist", KEYCLOAK_VERSION, zip)));
        return candidates;
    }

    private static Path keycloakDistFrom() {
        List<Path> candidates = keycloakDistCandidates();
        if (System.getProperty(DIST_PROPERTY) != null && !System.getProperty(DIST_PROPERTY).isBlank()) {
            return candidates.get(0);   // an explicit choice is honoured, even when wrong: the error then says so
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(candidates.get(candidates.size() - 1));
    }

    private static Path cacheFrom(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ferry");
    }
}
