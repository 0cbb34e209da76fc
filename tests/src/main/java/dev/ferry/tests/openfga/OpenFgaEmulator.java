package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process emulator of the part of the OpenFGA HTTP API Ferry uses, following
 * docs/reference/openfga-contract.md: stores, authorization models, Read, Write, ReadChanges,
 * Check and assertions, in memory. Test-only: production code never knows it exists.
 */
public final class OpenFgaEmulator implements AutoCloseable {
    /** The SDK's non-transactional mode sends many requests at once; a few workers keep them flowing. */
    private static final int WORKERS = 8;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    /** Room for the SDK's one-connection-per-chunk bursts before the workers accept them. */
    private static final int BACKLOG = 1024;

    private final HttpServer server;
    private final ExecutorService workers;

    private OpenFgaEmulator(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Starts on 127.0.0.1 on a free port, without authentication. */
    public static OpenFgaEmulator start() {
        return start(null);
    }

    /**
     * Starts like {@link #start()}, but requires {@code Authorization: Bearer <key>} on every call except
     * /healthz, as a server run with {@code --authn-method=preshared} does.
     */
    public static OpenFgaEmulator startWithPresharedKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a preshared key must not be empty");
        }
        return start(key);
    }

    private static OpenFgaEmulator start(String presharedKey) {
        // The JDK server writes headers and body separately; with Nagle on, every reply waits for the
        // client's delayed ACK (~40 ms). The JDK reads this once, when its first HttpServer is made.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        ObjectMapper json = new ObjectMapper();
        StoreRegistry registry = new StoreRegistry();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, task -> {
            Thread thread = new Thread(task, "openfga-emulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
            server.createContext("/", new HttpAdapter(registry, new Router(registry, json), json, presharedKey));
            server.setExecutor(workers);
            server.start();
            return new OpenFgaEmulator(server, workers);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("the OpenFGA emulator could not listen on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** e.g. "http://127.0.0.1:41234" */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
