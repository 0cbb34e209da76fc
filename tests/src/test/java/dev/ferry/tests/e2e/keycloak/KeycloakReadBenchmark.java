package dev.ferry.tests.e2e.keycloak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.keycloak.RealmReader;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeycloakSeeder;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.harness.HarnessOptions;
import dev.ferry.tests.harness.KeycloakEndpoint;
import dev.ferry.tests.harness.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Run by hand (tests/bench/keycloak-read/keycloak-read.sh): seeds the runbook profile's realm (500 users) into a
 * Keycloak 26.4 and reads its users with the per-user reader Ferry had before ({@link PerUserOracle}, A) and with
 * {@link RealmReader} (B), interleaved A B A B, then once more each through a counting proxy (requests) and once
 * each for the heap they hold. Arguments: pairs (default 3). FERRY_BENCH_KEYCLOAK_URL (admin/admin) uses a running
 * Keycloak instead of starting the harness's.
 */
public final class KeycloakReadBenchmark {
    private static final String REALM = "kcbench";

    private KeycloakReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String url = System.getenv("FERRY_BENCH_KEYCLOAK_URL");
        if (url != null && !url.isBlank()) {
            run(new KeycloakEndpoint(url, "admin", "admin"), pairs);
        } else {
            try (Stores stores = Stores.start(HarnessOptions.defaults())) {
                run(stores.source().keycloak(), pairs);
            }
        }
        System.exit(0);
    }

    private static void run(KeycloakEndpoint kc, int pairs) throws Exception {
        KeaDataset dataset = KeaGenerator.generate(Profile.runbook(), 1L);
        long s0 = System.nanoTime();
        new KeycloakSeeder().seed(dataset, kc, REALM);
        System.out.printf("seeded %d users in %d ms%n", dataset.users().size(), (System.nanoTime() - s0) / 1_000_000);

        List<ObjectNode> a = old(kc);
        List<ObjectNode> b = bulk(kc);
        System.out.printf("same objects: %s (%d users)%n", a.equals(b), b.size());

        List<Long> oldMs = new ArrayList<>();
        List<Long> newMs = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            oldMs.add(timed(() -> old(kc)));
            newMs.add(timed(() -> bulk(kc)));
            System.out.printf("pair %d: old %d ms, new %d ms (load %s)%n", i + 1, oldMs.get(i), newMs.get(i), load());
        }
        System.out.printf("old: median %d / min %d / max %d ms%n", median(oldMs), Collections.min(oldMs), Collections.max(oldMs));
        System.out.printf("new: median %d / min %d / max %d ms%n", median(newMs), Collections.min(newMs), Collections.max(newMs));

        try (CountingProxy proxy = new CountingProxy(kc.url())) {
            KeycloakEndpoint via = new KeycloakEndpoint(proxy.url(), kc.adminUser(), kc.adminPassword());
            proxy.reset();
            old(via);
            long oldRequests = proxy.adminRequests();
            proxy.reset();
            bulk(via);
            System.out.printf("requests (Admin API, login excluded): old %d, new %d%n", oldRequests, proxy.adminRequests());
        }

        System.out.printf("heap held while users stream (after GC, at the first user): old %d KiB, new %d KiB%n",
                heapAtFirstUser(kc, false) / 1024, heapAtFirstUser(kc, true) / 1024);
    }

    private static List<ObjectNode> old(KeycloakEndpoint kc) {
        try (KeycloakClient client = KeycloakClient.connect(FerryApiRead.config(kc, REALM))) {
            return new PerUserOracle(client).users(false);
        }
    }

    private static List<ObjectNode> bulk(KeycloakEndpoint kc) {
        List<ObjectNode> out = new ArrayList<>();
        try (KeycloakClient client = KeycloakClient.connect(FerryApiRead.config(kc, REALM))) {
            new RealmReader(client).forEachUser(out::add);
        }
        return out;
    }

    /**
     * The heap in use, after a full GC, when the first user reaches the consumer, minus the heap before the read: for
     * the new reader, the realm-wide index and one page of users; the old one holds one page. Users are not kept.
     */
    private static long heapAtFirstUser(KeycloakEndpoint kc, boolean bulk) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (KeycloakClient client = KeycloakClient.connect(FerryApiRead.config(kc, REALM))) {
            memory.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            long[] at = {-1};
            Consumer<ObjectNode> sink = u -> {
                if (at[0] < 0) {
                    memory.gc();
                    at[0] = memory.getHeapMemoryUsage().getUsed();
                }
            };
            if (bulk) {
                new RealmReader(client).forEachUser(sink);
            } else {
                // the old reader keeps its list; measure at its first user all the same
                new PerUserOracle(client).users(false).forEach(sink);
            }
            return at[0] - before;
        }
    }

    private static long timed(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1_000_000;
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static String load() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Forwards every request to Keycloak and counts those to the Admin API. Only for counting: it adds latency. */
    private static final class CountingProxy implements AutoCloseable {
        private static final Set<String> HOP = Set.of("connection", "content-length", "host", "upgrade", "http2-settings",
                "transfer-encoding", "keep-alive");
        private final HttpServer server;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String target;
        private final AtomicLong admin = new AtomicLong();

        CountingProxy(String target) throws IOException {
            this.target = target;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.createContext("/", this::forward);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void reset() {
            admin.set(0);
        }

        long adminRequests() {
            return admin.get();
        }

        private void forward(HttpExchange ex) throws IOException {
            try (ex) {
                String path = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
                if (path.startsWith("/admin/")) {
                    admin.incrementAndGet();
                }
                byte[] body;
                try (InputStream in = ex.getRequestBody()) {
                    body = in.readAllBytes();
                }
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + path))
                        .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                ex.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP.contains(name.toLowerCase())) {
                        values.forEach(v -> b.header(name, v));
                    }
                });
                HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                r.headers().map().forEach((name, values) -> {
                    if (!HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                        ex.getResponseHeaders().put(name, values);
                    }
                });
                ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(r.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
