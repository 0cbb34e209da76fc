package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ReadChanges: the changelog in ascending order. A page with changes returns the last change's token
 * even when nothing follows; a call that finds nothing echoes the token it was given.
 */
final class ChangesApi {
    private static final String REQUEST = "ReadChangesRequest";
    // Go's RFC3339Nano parse, which the gateway uses for query timestamps: seconds are required.
    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private final StoreRegistry registry;
    private final ObjectMapper json;
    private final PageTokens tokens;

    ChangesApi(StoreRegistry registry, ObjectMapper json, PageTokens tokens) {
        this.registry = registry;
        this.json = json;
        this.tokens = tokens;
    }

    ApiResponse readChanges(ApiRequest request) {
        Map<String, String> query = request.query();
        Instant startTime = startTime(query.getOrDefault("start_time", ""));
        ProtoRules.requireStoreId(REQUEST, request.storeId());
        String type = query.getOrDefault("type", "");
        ProtoRules.requirePattern(REQUEST, "Type", type, "^[^:#\\s]{1,254}$", true);
        int pageSize = pageSize(query.getOrDefault("page_size", ""));
        String token = ProtoRules.continuationToken(REQUEST, json.getNodeFactory().textNode(
                query.getOrDefault("continuation_token", "")));
        if (startTime != null && !startTime.isBefore(Instant.now())) {
            throw ApiError.validation("invalid " + REQUEST + ".StartTime: value must be less than now");
        }
        PageTokens.Position from = tokens.decode(token);
        if (from != null && !from.objectType().equals(type)) {
            throw ApiError.badRequest("query_string_type_continuation_token_mismatch",
                    "The type in the querystring and the continuation token don't match");
        }

        ObjectNode body = json.createObjectNode();
        ArrayNode changes = body.putArray("changes");
        String last = null;
        for (Change change : registry.data(request.storeId()).changes()) {
            boolean after = from != null ? change.ulid().compareTo(from.ulid()) > 0
                    : startTime == null || change.ulid().compareTo(Ulids.floorOf(startTime)) >= 0;
            if (!after || (!type.isEmpty() && !change.key().objectType().equals(type))) {
                continue;
            }
            ObjectNode c = changes.addObject();
            c.set("tuple_key", change.key().toJson(json));
            c.put("operation", change.delete() ? "TUPLE_OPERATION_DELETE" : "TUPLE_OPERATION_WRITE");
            c.put("timestamp", change.timestamp().toString());
            last = change.ulid();
            if (changes.size() == pageSize) {
                break;
            }
        }
        body.put("continuation_token", last != null ? tokens.encode(last, type) : token);
        return ApiResponse.ok(body);
    }

    /** The default and maximum are 50 and 100; the lower bound is a proto rule, the upper one the server's. */
    private int pageSize(String raw) {
        if (raw.isEmpty()) {
            return ProtoRules.DEFAULT_PAGE_SIZE;
        }
        int size = ProtoRules.int32(REQUEST, "PageSize", json.getNodeFactory().textNode(raw));
        if (size < 1) {
            throw ApiError.validation("invalid " + REQUEST + ".PageSize: value must be greater than or equal to 1");
        }
        if (size > ProtoRules.MAX_PAGE_SIZE) {
            throw ApiError.badRequest("page_size_invalid", "invalid " + REQUEST
                    + ".PageSize: value must be inside range [1, " + ProtoRules.MAX_PAGE_SIZE + "]");
        }
        return size;
    }

    /** Parsed by the gateway before any validation, so a bad value fails first. */
    private static Instant startTime(String raw) {
        if (raw.isEmpty()) {
            return null;
        }
        if (!RFC3339.matcher(raw).matches()) {
            throw ApiError.validation("parsing field \"start_time\": parsing time \"" + raw
                    + "\" as \"2006-01-02T15:04:05.999999999Z07:00\": cannot parse");
        }
        return OffsetDateTime.parse(raw).toInstant();
    }
}
