package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Enumeration;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Keycloak distribution zip, and the "golden" copies made from it once per machine:
 * <ul>
 * <li>the server copy: an unzipped distribution already augmented for {@code start-dev}, plus an H2 database
 * holding the master realm and its admin. Copying it and starting takes about 7 s, against about 21 s from the
 * bare zip;</li>
 * <li>the export copy, made on the first offline export: a distribution already augmented for {@code kc.sh
 * export}, which builds for another profile than {@code start-dev} and would otherwise re-augment (about 8 s)
 * the first time it runs in each copy.</li>
 * </ul>
 *
 * <p>They live under the cache directory, shared by every worktree and test run on the machine, so each is
 * built in a private temporary directory and renamed into place in one atomic step.
 */
final class KeycloakDistribution {
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin";
    static final Duration FIRST_START_TIMEOUT = Duration.ofSeconds(600);
    /** Bump when a golden copy's layout changes, so copies of an older layout are not used. */
    private static final String GOLDEN = "golden-v3";
    private static final String GOLDEN_EXPORT = "golden-export-v1";

    private final Path zip;
    private final Path cacheRoot;
    private final Object goldenLock = new Object();
    private final Object exportLock = new Object();

    KeycloakDistribution(Path zip, Path cacheDir) {
        this.zip = zip;
        this.cacheRoot = cacheDir.resolve("keycloak-" + HarnessOptions.KEYCLOAK_VERSION);
    }

    /** The unzipped, augmented distribution of the server copy. */
    Path goldenDist() {
        return golden().resolve("dist");
    }

    /** The H2 file with the master realm in the server copy. */
    Path goldenDatabase() {
        return golden().resolve("db").resolve(KeycloakProcess.DB_NAME + ".mv.db");
    }

    /** The distribution augmented for {@code kc.sh export}. */
    Path goldenExportDist() {
        synchronized (exportLock) {
            Path golden = cacheRoot.resolve(GOLDEN_EXPORT);
            if (!Files.isDirectory(golden)) {
                buildAtomically(golden, this::buildExport);
            }
            return golden.resolve("dist");
        }
    }

    Path zip() {
        return zip;
    }

    private Path golden() {
        synchronized (goldenLock) {
            Path golden = cacheRoot.resolve(GOLDEN);
            if (!Files.isDirectory(golden)) {
                requireZip();
                buildAtomically(golden, this::buildServer);
            }
            return golden;
        }
    }

    /** The first start augments the distribution, creates the schema, the master realm and its admin. */
    private void buildServer(Path building) throws IOException {
        Path dist = building.resolve("dist");
        unzip(dist);
        Path db = building.resolve("db");
        Files.createDirectories(db);
        try (KeycloakProcess first = KeycloakProcess.launch("golden Keycloak", dist, db, building,
                FIRST_START_TIMEOUT, this)) {
            first.endpoint();
        }
        Files.deleteIfExists(db.resolve(KeycloakProcess.DB_NAME + ".lock.db"));
        if (!Files.isRegularFile(db.resolve(KeycloakProcess.DB_NAME + ".mv.db"))) {
            throw new StoreException("the first Keycloak start left no database in " + db,
                    "read " + building.resolve("keycloak.log"));
        }
        FileTrees.delete(dist.resolve("data"));
    }

    /** A throwaway export of the master realm, from a copy of the golden database, augments the export copy. */
    private void buildExport(Path building) throws IOException {
        Path dist = building.resolve("dist");
        FileTrees.copy(goldenDist(), dist, relative -> false);
        Path scratchDb = building.resolve("scratch-db");
        FileTrees.copy(goldenDatabase().getParent(), scratchDb, relative -> false);
        Path out = building.resolve("master.json");
        KeycloakProcess.export("golden kc.sh export", dist, scratchDb, "master", out, building.resolve("export.log"));
        FileTrees.delete(scratchDb);
        FileTrees.delete(dist.resolve("data"));
        Files.delete(out);
    }

    private interface Builder {
        void build(Path building) throws IOException;
    }

    /**
     * Builds into a fresh temporary directory next to {@code target} and renames it into place. On failure the
     * logs stay there (the error names them); if another worktree published first, theirs is as good as ours.
     */
    private void buildAtomically(Path target, Builder builder) {
        Path building;
        try {
            Files.createDirectories(cacheRoot);
            building = Files.createTempDirectory(cacheRoot, "building-");
        } catch (IOException e) {
            throw new StoreException("cannot create the Keycloak cache in " + cacheRoot + ": " + e.getMessage(),
                    "make " + cacheRoot.getParent() + " writable, or set XDG_CACHE_HOME to a writable directory", e);
        }
        try {
            builder.build(building);
            publish(building, target);
        } catch (IOException | RuntimeException e) {
            FileTrees.pruneKeeping(building, FileTrees::isLog);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException("cannot prepare " + target + ": " + e.getMessage(),
                    "check free space in " + cacheRoot, e);
        }
        if (Files.exists(building)) {
            FileTrees.delete(building);
        }
    }

    private static void publish(Path building, Path target) throws IOException {
        try {
            Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException alreadyThere) {
            // another worktree published first; ours is deleted by the caller
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the cache directory does not support atomic renames", e);
        }
    }

    void requireZip() {
        if (!Files.isRegularFile(zip)) {
            String searched = HarnessOptions.keycloakDistCandidates().stream().map(Path::toString)
                    .collect(Collectors.joining(", "));
            throw new StoreException("the Keycloak distribution " + zip + " does not exist (looked in: " + searched + ")",
                    "run `mvn -B -pl tests generate-resources` once (it fetches org.keycloak:keycloak-quarkus-dist:"
                            + HarnessOptions.KEYCLOAK_VERSION + ":zip from Maven Central), or pass -D"
                            + HarnessOptions.DIST_PROPERTY + "=/path/to/keycloak-quarkus-dist-"
                            + HarnessOptions.KEYCLOAK_VERSION + ".zip");
        }
    }

    /** Unzips the distribution's single top directory (keycloak-26.4.0/) into {@code target}. */
    private void unzip(Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path out = root.resolve(name.substring(slash + 1)).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("zip entry escapes the target directory: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out);
                }
                if (name.endsWith(".sh")) {
                    out.toFile().setExecutable(true);
                }
            }
        }
        if (!Files.isRegularFile(root.resolve("bin").resolve("kc.sh"))) {
            throw new IOException(zip + " holds no bin/kc.sh: it is not a Keycloak distribution");
        }
    }
}
