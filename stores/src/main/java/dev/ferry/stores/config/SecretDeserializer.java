package dev.ferry.stores.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Binds a {@link Secret} by resolving its reference at load time, naming the full key when it cannot. */
final class SecretDeserializer extends JsonDeserializer<Secret> {
    static final String RESOLVER = "ferry.secretResolver";

    @Override
    public Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String key = keyPath(p.getParsingContext());
        if (p.currentToken() != JsonToken.VALUE_STRING && !p.currentToken().isScalarValue()) {
            throw new dev.ferry.common.ConfigException(
                    ((SecretResolver) ctxt.getAttribute(RESOLVER)).fileName() + ": '" + key + "' must be a string",
                    "Write it as ${env:NAME} or ${file:PATH}.");
        }
        return ((SecretResolver) ctxt.getAttribute(RESOLVER)).resolve(key, p.getValueAsString());
    }

    static String keyPath(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.addFirst(c.getCurrentName());
            } else if (c.inArray()) {
                parts.addFirst("[" + c.getCurrentIndex() + "]");
            }
        }
        return String.join(".", parts).replace(".[", "[");
    }
}
