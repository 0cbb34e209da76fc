package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keycloak from the distribution zip, run as a child JVM ({@code kc.sh start-dev}) on 127.0.0.1 with a dev-file
 * H2 database in its own directory (docs/reference/local-servers.md §2.2). Each instance gets its own copy of the golden
 * distribution, because a running Keycloak writes into its distribution directory.
 *
 * <p>Both the server and {@code kc.sh export} open the H2 file in auto-server mode, so the offline export runs
 * while the server keeps serving (docs/reference/local-servers.md §2.3). The export runs from a second copy of the distribution: the
 * export command re-augments the distribution it runs from, which would slow the server's next start.
 */
final class KeycloakProcess implements KeycloakServer {
    static final String DB_NAME = "keycloakdb";
    /**
     * 150 s by default; a machine shared with other builds can take longer to start two Keycloaks at once, so the
     * system property {@code ferry.harness.keycloakStartSeconds} may raise it (never lower it below what CI needs).
     */
    static final Duration START_TIMEOUT = Duration.ofSeconds(Math.max(150, Long.getLong("ferry.harness.keycloakStartSeconds", 150)));
    static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(300);

    private final String name;
    private final ChildProcess process;
    private final KeycloakEndpoint endpoint;
    private final Path db;
    private final Path dir;
    private final KeycloakDistribution distribution;
    private final AtomicInteger exports = new AtomicInteger();
    private final Object exportLock = new Object();

    private KeycloakProcess(String name, ChildProcess process, KeycloakEndpoint endpoint, Path db, Path dir,
            KeycloakDistribution distribution) {
        this.name = name;
        this.process = process;
        this.endpoint = endpoint;
        this.db = db;
        this.dir = dir;
        this.distribution = distribution;
    }

    /** A fresh instance for {@code role} from the golden copy (built first if this machine has none yet). */
    static KeycloakServer start(Role role, KeycloakDistribution distribution, Path roleDir) {
        distribution.requireZip();
        Path dir = roleDir.resolve("keycloak");
        Path dist = dir.resolve("dist");
        Path db = dir.resolve("db");
        try {
            Path goldenDist = distribution.goldenDist();
            FileTrees.copy(goldenDist, dist, relative -> false);
            Files.createDirectories(db);
            Files.copy(distribution.goldenDatabase(), db.resolve(DB_NAME + ".mv.db"));
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new StoreException("cannot copy the golden Keycloak into " + dir + ": " + e.getMessage(),
                    "check free space (about 200 MB per instance); delete " + distribution.goldenDist().getParent()
                            + " if it is damaged, and it will be rebuilt", e);
        }
        return launch("Keycloak (" + role.label() + ")", dist, db, dir, START_TIMEOUT, distribution);
    }

    /** Starts {@code kc.sh start-dev} from {@code dist} on a free port and waits for the master realm to answer. */
    static KeycloakProcess launch(String name, Path dist, Path db, Path dir, Duration timeout,
            KeycloakDistribution distribution) {
        int port = FreePorts.next();
        Map<String, String> env = javaEnv();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakDistribution.ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakDistribution.ADMIN_PASSWORD);
        Path log = dir.resolve("keycloak.log");
        ChildProcess process = ChildProcess.start(name,
                List.of(dist.resolve("bin").resolve("kc.sh").toString(), "start-dev", "--http-host=127.0.0.1",
                        "--http-port=" + port, "--db-url=" + dbUrl(db)),
                env, dir, log);
        String url = "http://127.0.0.1:" + port;
        try {
            process.awaitHttp200(url + "/realms/master", timeout,
                    "read the log; check that JAVA_HOME (or the java running the tests) is a JDK 17 or newer, that "
                            + "the machine has 1 GB of free memory, and that it is not saturated by other builds "
                            + "(a start takes about 7 s on an idle 2-core machine)");
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        KeycloakEndpoint endpoint = new KeycloakEndpoint(url, KeycloakDistribution.ADMIN_USER,
                KeycloakDistribution.ADMIN_PASSWORD);
        return new KeycloakProcess(name, process, endpoint, db, dir, distribution);
    }

    @Override
    public KeycloakEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "Keycloak " + HarnessOptions.KEYCLOAK_VERSION + " local process";
    }

    @Override
    public Path offlineExport(String realm, Path outFile) {
        synchronized (exportLock) {
            Path exportDist = dir.resolve("export-dist");
            int n = exports.incrementAndGet();
            Path log = dir.resolve("export-" + n + ".log");
            try {
                if (!Files.isDirectory(exportDist)) {
                    FileTrees.copy(distribution.goldenExportDist(), exportDist, relative -> false);
                }
                Files.createDirectories(outFile.toAbsolutePath().getParent());
                Files.deleteIfExists(outFile);
            } catch (IOException e) {
                throw new StoreException("cannot prepare the export of realm '" + realm + "' to " + outFile + ": "
                        + e.getMessage(), "check that the directory is writable", e);
            }
            export("kc.sh export (" + name + ")", exportDist, db, realm, outFile, log);
            return outFile;
        }
    }

    /** Runs {@code kc.sh export --realm R --users same_file --file F} from {@code dist} against the H2 in {@code db}. */
    static void export(String name, Path dist, Path db, String realm, Path outFile, Path log) {
        ChildProcess export = ChildProcess.start(name,
                List.of(dist.resolve("bin").resolve("kc.sh").toString(), "export", "--db-url=" + dbUrl(db),
                        "--realm", realm, "--users", "same_file", "--file", outFile.toString()),
                javaEnv(), log.getParent(), log);
        int code = export.waitFor(EXPORT_TIMEOUT);
        if (code == -1) {
            export.close();
            throw new StoreException("kc.sh export of realm '" + realm + "' did not finish within "
                    + EXPORT_TIMEOUT.toSeconds() + " s; its log is at " + log, "read the log");
        }
        export.close();
        if (code != 0 || !Files.isRegularFile(outFile)) {
            throw new StoreException("kc.sh export of realm '" + realm + "' failed with exit code " + code
                    + "; its log is at " + log + ": " + ChildProcess.tail(log), "read the log; check the realm exists");
        }
    }

    @Override
    public void close() {
        process.close();
    }

    static String dbUrl(Path db) {
        // AUTO_SERVER lets kc.sh export open the file while the server holds it (docs/reference/local-servers.md §2.3).
        return "jdbc:h2:file:" + db.resolve(DB_NAME) + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=TRUE";
    }

    /** JAVA_HOME from the environment when set, else the JDK running the harness. */
    private static Map<String, String> javaEnv() {
        Map<String, String> env = new HashMap<>();
        String javaHome = System.getenv("JAVA_HOME");
        env.put("JAVA_HOME", javaHome != null && !javaHome.isBlank() ? javaHome : System.getProperty("java.home"));
        // Silences a harmless IllegalAccessError that JDK 21+ prints when worker threads exit (docs/reference/local-servers.md §2.1).
        env.put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        return env;
    }
}
