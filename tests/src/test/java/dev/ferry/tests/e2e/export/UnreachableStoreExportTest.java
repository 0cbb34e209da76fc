package dev.ferry.tests.e2e.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each store unreachable (nothing listens on the port) or refusing the credentials: the export stops with exit code
 * 4, one message naming the store and the config key to fix, no stack trace, and no bundle.
 */
@ExtendWith(StoresExtension.class)
class UnreachableStoreExportTest {
    private static final ExportFixture.Names NAMES = new ExportFixture.Names("unreachable", "unreachable", "unreach");

    @TempDir
    static Path keyDir;
    static ExportFixture.Keys keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws IOException {
        keys = ExportFixture.Keys.generate(keyDir);
    }

    private ExportFixture.Result export(Stores stores, String store, String... overrides) throws IOException {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), stores.source(), NAMES, overrides);
        Path out = dir.resolve("out");
        ExportFixture.Result r = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, out, "--stores", store));
        assertEquals(4, r.exitCode(), r::toString);
        assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r);
        if (Files.exists(out)) {
            try (var files = Files.list(out)) {
                assertEquals(0, files.count(), "nothing may be left in --out after a failed export: " + r);
            }
        }
        return r;
    }

    /** The URL with its port replaced by one nothing listens on (bound, then released). */
    private static String deadPort(String url) throws IOException {
        URI u = URI.create(url.replace("jdbc:", ""));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return url.replace(":" + u.getPort(), ":" + port);
    }

    @Test
    void postgresOnAClosedPort(Stores stores) throws IOException {
        String url = stores.source().postgres().jdbcUrl();
        ExportFixture.Result r = export(stores, "postgres", url, deadPort(url));
        assertTrue(r.stderr().contains("cannot be reached (postgres.url)"), r::toString);
    }

    @Test
    void postgresRefusingTheUser(Stores stores) throws IOException {
        // The embedded server trusts local connections, so the refusal is tested with a user it does not know.
        String user = "  user: " + stores.source().postgres().user() + "\n";
        ExportFixture.Result r = export(stores, "postgres", user, "  user: no_such_ferry_user\n");
        assertTrue(r.stderr().contains("refused user 'no_such_ferry_user' (postgres.user/postgres.password)"), r::toString);
    }

    @Test
    void keycloakOnAClosedPort(Stores stores) throws IOException {
        String url = stores.source().keycloak().url();
        ExportFixture.Result r = export(stores, "keycloak", url, deadPort(url));
        assertTrue(r.stderr().contains("cannot be reached (keycloak.url)"), r::toString);
    }

    @Test
    void keycloakWithAWrongPassword(Stores stores) throws IOException {
        ExportFixture.Result r = exportWithSecret(stores, "keycloak", "kc.secret");
        assertTrue(r.stderr().contains("refused user '" + stores.source().keycloak().adminUser()
                + "' in realm 'master' (keycloak.auth.username/keycloak.auth.password)"), r::toString);
    }

    @Test
    void openFgaOnAClosedPort(Stores stores) throws IOException {
        String url = stores.source().openfga().apiUrl();
        ExportFixture.Result r = export(stores, "openfga", url, deadPort(url));
        assertTrue(r.stderr().contains("cannot be reached (openfga.apiUrl)"), r::toString);
    }

    @Test
    void openFgaStoreThatDoesNotExist(Stores stores) throws IOException {
        ExportFixture.Result r = export(stores, "openfga", "name: unreachable", "name: no-such-store-anywhere");
        assertTrue(r.stderr().contains("has no store named 'no-such-store-anywhere' (openfga.store.name)"), r::toString);
    }

    @Test
    void objectStorageOnAClosedPort(Stores stores) throws IOException {
        String url = stores.source().s3().endpoint();
        ExportFixture.Result r = export(stores, "objects", url, deadPort(url));
        assertTrue(r.stderr().contains("cannot be reached (objects.endpoint)"), r::toString);
    }

    @Test
    void objectStorageWithAWrongSecretKey(Stores stores) throws IOException {
        ExportFixture.Result r = exportWithSecret(stores, "objects", "s3-secret.secret");
        assertTrue(r.stderr().contains("refused the credentials (objects.accessKey/objects.secretKey)"), r::toString);
    }

    @Test
    void objectStorageWithoutMatchingBucket(Stores stores) throws IOException {
        ExportFixture.Result r = export(stores, "objects", "prefixes: [unreach-]", "prefixes: [no-such-bucket-prefix-]");
        assertTrue(r.stderr().contains("has no bucket starting with 'no-such-bucket-prefix-' (objects.buckets.prefixes)"),
                r::toString);
    }

    private ExportFixture.Result exportWithSecret(Stores stores, String store, String secretFile) throws IOException {
        Path cfg = dir.resolve("cfg");
        Path config = ExportFixture.sourceYaml(cfg, stores.source(), NAMES);
        ExportFixture.secret(cfg, secretFile, "definitely-the-wrong-secret");
        Path out = dir.resolve("out");
        ExportFixture.Result r = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, out, "--stores", store));
        assertEquals(4, r.exitCode(), r::toString);
        assertFalse(r.stderr().contains("definitely-the-wrong-secret"), "the secret must never be printed: " + r);
        return r;
    }

    @Test
    void aBadConfigKeyIsAUsageErrorNamingTheKey(Stores stores) throws IOException {
        StoreSet source = stores.source();
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES, "  password: ${file:pg.secret}",
                "  pasword: ${file:pg.secret}");
        ExportFixture.Result r = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, dir.resolve("out")));
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("source.yaml: unknown key 'postgres.pasword' (did you mean 'password'?)"), r::toString);
    }
}
