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
 * The Keycloak distribution zip, and the "golden" copy made from it once per machine: an unzipped, already
 * augmented distribution plus an H2 database holding the master realm and its admin. Copying the golden
 * copy and starting it takes about 7 s, against about 21 s from the bare zip.
 *
 * <p>The golden copy lives under the cache directory, shared by every worktree and test run on the machine,
 * so it is built in a private temporary directory and renamed into place in one atomic step.
 */
final class KeycloakDistribution {
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin";
    static final Duration FIRST_START_TIMEOUT = Duration.ofSeconds(300);
    /** Bump when the golden copy's layout changes, so stale copies of an older layout are not used. */
    private static final String GOLDEN = "golden-v2";

    private final Path zip;
    private final Path cacheRoot;
    private final Object goldenLock = new Object();

    KeycloakDistribution(Path zip, Path cacheDir) {
        this.zip = zip;
        this.cacheRoot = cacheDir.resolve("keycloak-" + HarnessOptions.KEYCLOAK_VERSION);
    }

    /** The unzipped, augmented distribution inside the golden copy. */
    Path goldenDist() {
        return golden().resolve("dist");
    }

    /**
     * A second distribution inside the golden copy, already augmented for {@code kc.sh export} (which builds for
     * another profile than {@code start-dev} and would otherwise re-augment, about 8 s, on its first run).
     */
    Path goldenExportDist() {
        return golden().resolve("export-dist");
    }

    /** The H2 file with the master realm inside the golden copy. */
    Path goldenDatabase() {
        return golden().resolve("db").resolve(KeycloakProcess.DB_NAME + ".mv.db");
    }

    Path zip() {
        return zip;
    }

    /** True when the golden copy is already on disk (its absence makes the next start a cold one). */
    boolean goldenExists() {
        return Files.isDirectory(cacheRoot.resolve(GOLDEN));
    }

    private Path golden() {
        synchronized (goldenLock) {
            Path golden = cacheRoot.resolve(GOLDEN);
            if (Files.isDirectory(golden)) {
                return golden;
            }
            build(golden);
            return golden;
        }
    }

    private void build(Path golden) {
        requireZip();
        Path building;
        try {
            Files.createDirectories(cacheRoot);
            building = Files.createTempDirectory(cacheRoot, "building-");
        } catch (IOException e) {
            throw new StoreException("cannot create the Keycloak cache in " + cacheRoot + ": " + e.getMessage(),
                    "make " + cacheRoot.getParent() + " writable, or set XDG_CACHE_HOME to a writable directory", e);
        }
        try {
            Path dist = building.resolve("dist");
            unzip(dist);
            Path db = building.resolve("db");
            Files.createDirectories(db);
            // The first start augments the distribution, creates the schema, the master realm and its admin.
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
            Path exportDist = building.resolve("export-dist");
            FileTrees.copy(dist, exportDist, relative -> false);
            // A throwaway export of the master realm from a copy of the database augments the export copy.
            Path scratchDb = building.resolve("scratch-db");
            FileTrees.copy(db, scratchDb, relative -> false);
            KeycloakProcess.export("golden kc.sh export", exportDist, scratchDb, "master",
                    building.resolve("master.json"), building.resolve("export.log"));
            FileTrees.delete(scratchDb);
            FileTrees.delete(exportDist.resolve("data"));
            Files.delete(building.resolve("master.json"));
            publish(building, golden);
        } catch (IOException e) {
            throw new StoreException("cannot prepare the golden Keycloak in " + building + ": " + e.getMessage(),
                    "check free space in " + cacheRoot, e);
        } finally {
            if (Files.exists(building)) {
                FileTrees.delete(building);
            }
        }
    }

    /** Another worktree may have published first: theirs is as good as ours. */
    private static void publish(Path building, Path golden) throws IOException {
        try {
            Files.move(building, golden, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException alreadyThere) {
            // keep theirs; ours is deleted by the caller
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
