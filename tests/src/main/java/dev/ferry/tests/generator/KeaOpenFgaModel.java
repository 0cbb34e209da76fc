package dev.ferry.tests.generator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openfga.sdk.api.model.WriteAuthorizationModelRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * kea's authorization model (docs/reference/fred-stores.md §3.1, schema 1.1) in the OpenFGA HTTP API's JSON form, as kea's
 * {@code sync_schema_on_init} writes it into the store named in its config.
 */
public final class KeaOpenFgaModel {
    private static final String RESOURCE = "kea-openfga-model.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private KeaOpenFgaModel() {
    }

    /** The model as the body of {@code POST /stores/{id}/authorization-models}. */
    public static String json() {
        try (InputStream in = KeaOpenFgaModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the tests jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree() {
        try {
            return JSON.readTree(json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same model as the SDK's request object. */
    public static WriteAuthorizationModelRequest request() {
        try {
            return JSON.readValue(json(), WriteAuthorizationModelRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
