package dev.ferry.tests.openfga;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP side: parses a call, runs it under the registry's monitor (one call = one transaction) and
 * writes the JSON reply or the {"code","message"} error envelope.
 */
final class HttpAdapter implements HttpHandler {
    private final StoreRegistry registry;
    private final Router router;
    private final ObjectMapper json;
    private final String presharedKey;

    /** {@code presharedKey} null: no authentication. */
    HttpAdapter(StoreRegistry registry, Router router, ObjectMapper json, String presharedKey) {
        this.registry = registry;
        this.router = router;
        this.json = json;
        this.presharedKey = presharedKey;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            List<String> path = path(exchange.getRequestURI().getRawPath());
            exchange.getResponseHeaders().set("X-Request-Id", UUID.randomUUID().toString());
            if (path.size() >= 2 && path.get(0).equals("stores")) {
                exchange.getResponseHeaders().set("Openfga-Store-Id", path.get(1));
            }
            try {
                authenticate(exchange, path);
                ApiRequest request = new ApiRequest(exchange.getRequestMethod(), path,
                        query(exchange.getRequestURI().getRawQuery()), body(exchange));
                ApiResponse response;
                synchronized (registry) {
                    response = router.route(request);
                }
                response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                send(exchange, response.status(), response.body());
            } catch (ApiError e) {
                send(exchange, e.status(), json.createObjectNode().put("code", e.code()).put("message", e.getMessage()));
            } catch (RuntimeException e) {
                // An emulator bug: answer as the server does for internal errors, and keep the cause visible.
                e.printStackTrace();
                send(exchange, 500, json.createObjectNode().put("code", "internal_error")
                        .put("message", "Internal Server Error"));
            }
        }
    }

    private void authenticate(HttpExchange exchange, List<String> path) {
        if (presharedKey == null || path.equals(List.of("healthz"))) {
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            throw ApiError.unauthenticated("bearer_token_missing", "missing bearer token");
        }
        if (!MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                presharedKey.getBytes(StandardCharsets.UTF_8))) {
            throw ApiError.unauthenticated("unauthenticated", "unauthenticated");
        }
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode body = json.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw ApiError.validation("invalid request body: a JSON object is required");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ApiError.validation("invalid request body: " + e.getOriginalMessage());
        }
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = (json.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static List<String> path(String raw) {
        List<String> segments = new ArrayList<>();
        for (String s : raw.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }
}
