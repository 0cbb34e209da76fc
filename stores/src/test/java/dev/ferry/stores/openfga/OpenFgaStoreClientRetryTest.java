package dev.ferry.stores.openfga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.common.StoreException;
import dev.ferry.stores.config.OpenFgaConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many requests reach the server when it fails: Ferry's policy alone decides (four attempts for a 5xx or a 429,
 * one for a refusal), the SDK adding none of its own. The server here only answers a fixed failure and counts requests:
 * OpenFGA's behaviour itself is tested against the emulator, which never fails this way.
 */
class OpenFgaStoreClientRetryTest {
    private static final String STORE_ID = "01HVMMBCMGZNT3SED4Z17ECXCA";

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status;
    private volatile String body;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, b.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OpenFgaConfig config() {
        return new OpenFgaConfig("http://127.0.0.1:" + server.getAddress().getPort(), new OpenFgaConfig.StoreRef(STORE_ID, null), null);
    }

    private void answer(int status, String code) {
        this.status = status;
        this.body = "{\"code\":\"" + code + "\",\"message\":\"injected\"}";
    }

    @Test
    void aServerErrorIsTriedFourTimesByFerrysPolicyAndNeverAgainByTheSdk() {
        answer(500, "internal_error");
        StoreException e = assertThrows(StoreException.class, () -> OpenFgaStoreClient.connect(config()));
        assertEquals(4, requests.get(), "with the SDK's three retries on top, 16 requests would arrive");
        assertTrue(e.problem().contains("failed to read the store: HTTP 500"), e.problem());
    }

    @Test
    void aRateLimitIsRetriedToo() {
        answer(429, "rate_limit_exceeded");
        assertThrows(StoreException.class, () -> OpenFgaStoreClient.connect(config()));
        assertEquals(4, requests.get());
    }

    @Test
    void aRefusedTokenIsNotRetriedAndNamesTheKey() {
        answer(401, "unauthenticated");
        StoreException e = assertThrows(StoreException.class, () -> OpenFgaStoreClient.connect(config()));
        assertEquals(1, requests.get());
        assertTrue(e.problem().contains("refused the API token (openfga.token)"), e.problem());
    }

    @Test
    void aTupleWriteTheModelRefusesIsSentOnceAndReportedAsRefused() {
        answer(400, "validation_error");
        OpenFgaStoreClient client = OpenFgaStoreClient.unbound(config());
        client.useStore(STORE_ID, "kea");
        assertFalse(client.write(List.of(new TupleRecord("user:x", "owner", "team:t", null, null)), "01HVMMBCMGZNT3SED4Z17ECXCB"));
        assertEquals(1, requests.get());
    }

    @Test
    void creatingAStoreIsSentOnceEvenOnAServerError() {
        answer(503, "unavailable");
        assertThrows(StoreException.class, () -> OpenFgaStoreClient.unbound(config()).createStore("kea"));
        assertEquals(1, requests.get(), "a retried create could leave two stores");
    }
}
