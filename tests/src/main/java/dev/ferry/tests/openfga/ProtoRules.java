package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The request-field rules the server's protobuf validators apply before any command runs, with the
 * messages they produce ("invalid <Message>.<Field>: <reason>").
 */
final class ProtoRules {
    static final String ULID = "^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$";
    static final String RELATION = "^[^:#@\\s]{1,50}$";
    static final String OBJECT = "^[^\\s]{2,256}$";
    static final String TYPE = "^[^:#@\\s]{1,254}$";
    static final String TOKEN = "^$|^[A-Za-z0-9-_]+={0,2}$";
    static final String STORE_NAME = "^[a-zA-Z0-9\\s\\.\\-\\/^_&@]{3,64}$";
    static final String CHECK_USER = "^[^\\s]{2,512}$";
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 100;

    private ProtoRules() {
    }

    static void requirePattern(String message, String field, String value, String regex, boolean ignoreEmpty) {
        if (ignoreEmpty && value.isEmpty()) {
            return;
        }
        if (!matches(regex, value)) {
            throw ApiError.validation("invalid " + message + "." + field
                    + ": value does not match regex pattern " + goQuote(regex));
        }
    }

    /** Go's regexp semantics for these anchored patterns: a match anywhere, the anchors do the rest. */
    static boolean matches(String regex, String value) {
        return Pattern.compile(regex).matcher(value).find();
    }

    static void requireStoreId(String message, String storeId) {
        requirePattern(message, "StoreId", storeId, ULID, false);
    }

    static void requireMaxBytes(String message, String field, String value, int max) {
        if (value.getBytes(StandardCharsets.UTF_8).length > max) {
            throw ApiError.validation("invalid " + message + "." + field + ": value length must be at most "
                    + max + " bytes");
        }
    }

    /** page_size is an Int32Value: absent means the default, any given value must lie in [1, 100]. */
    static int pageSize(String message, JsonNode raw) {
        if (raw.isMissingNode() || raw.isNull() || (raw.isTextual() && raw.asText().isEmpty())) {
            return DEFAULT_PAGE_SIZE;
        }
        int size = int32(message, "PageSize", raw);
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiError.badRequest("page_size_invalid", "invalid " + message
                    + ".PageSize: value must be inside range [1, " + MAX_PAGE_SIZE + "]");
        }
        return size;
    }

    static int int32(String message, String field, JsonNode raw) {
        try {
            long value = raw.isNumber() ? raw.asLong() : Long.parseLong(raw.asText().trim());
            if ((raw.isNumber() && !raw.canConvertToExactIntegral()) || value != (int) value) {
                throw new NumberFormatException();
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw ApiError.validation("invalid " + message + "." + field + ": not a 32-bit integer: " + raw);
        }
    }

    static String continuationToken(String message, JsonNode raw) {
        String token = text(raw);
        requireMaxBytes(message, "ContinuationToken", token, 5120);
        requirePattern(message, "ContinuationToken", token, TOKEN, false);
        return token;
    }

    static String text(JsonNode raw) {
        return raw.isMissingNode() || raw.isNull() ? "" : raw.asText();
    }

    /** Go's %q of the pattern, as protoc-gen-validate prints it. */
    static String goQuote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
