package dev.ferry.tests.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Run by hand (never by the test suite): the time to start all stores for both roles, cold (no golden Keycloak
 * in a fresh cache directory) then warm (golden copy present), and the time of one offline Keycloak export.
 *
 * <pre>
 * mvn -B -q -o -pl tests -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp tests/target/test-classes:tests/target/classes:$(cat tests/target/cp.txt) \
 *     -Dferry.stores=local dev.ferry.tests.harness.StoresStartBenchmark [warm-runs]
 * </pre>
 */
public final class StoresStartBenchmark {
    private StoresStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmRuns = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path cache = Files.createTempDirectory("ferry-bench-cache-");
        HarnessOptions options = HarnessOptions.defaults().withCacheDir(cache);
        try {
            time("cold (builds the golden Keycloak)", options, false);
            for (int i = 1; i <= warmRuns; i++) {
                time("warm #" + i, options, i == warmRuns);
            }
        } finally {
            FileTrees.delete(cache);
        }
    }

    private static void time(String label, HarnessOptions options, boolean export) throws Exception {
        long begin = System.nanoTime();
        Stores stores = Stores.start(options);
        try {
            report(label + ": all stores, both roles", begin);
            if (export) {
                KeycloakEndpoint kc = stores.source().keycloak();
                try (Keycloak admin = Keycloak.getInstance(kc.url(), "master", kc.adminUser(), kc.adminPassword(),
                        "admin-cli")) {
                    RealmRepresentation realm = new RealmRepresentation();
                    realm.setRealm("bench");
                    realm.setEnabled(true);
                    admin.realms().create(realm);
                }
                Path out = Files.createTempDirectory("ferry-bench-export-").resolve("bench.json");
                for (int i = 1; i <= 2; i++) {
                    long exportBegin = System.nanoTime();
                    stores.keycloakOfflineExport(Role.SOURCE, "bench", out);
                    report("kc.sh export #" + i + " (" + Files.size(out) + " bytes)", exportBegin);
                }
                FileTrees.delete(out.getParent());
            }
        } finally {
            long closeBegin = System.nanoTime();
            stores.close();
            report(label + ": close", closeBegin);
        }
    }

    private static void report(String what, long begin) {
        System.out.printf(Locale.ROOT, "BENCH %-50s %6.1f s%n", what, (System.nanoTime() - begin) / 1e9);
    }
}
