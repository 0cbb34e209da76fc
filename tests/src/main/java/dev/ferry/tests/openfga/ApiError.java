package dev.ferry.tests.openfga;

/**
 * An OpenFGA error reply: HTTP status plus the {"code","message"} envelope. The status follows the
 * server's mapping from the numeric error code (2000-3499 → 400, ≥5000 → 404, Aborted → 409).
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    private ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    static ApiError validation(String message) {
        return badRequest("validation_error", message);
    }

    static ApiError notFound(String code, String message) {
        return new ApiError(404, code, message);
    }

    static ApiError unauthenticated(String code, String message) {
        return new ApiError(401, code, message);
    }

    static ApiError aborted(String message) {
        return new ApiError(409, "Aborted", message);
    }

    static ApiError invalidTuple(String tuple, String reason) {
        return validation("Invalid tuple '" + tuple + "'. Reason: " + reason);
    }

    static ApiError invalidModel(String message) {
        return badRequest("invalid_authorization_model", message);
    }

    static ApiError modelNotFound(String modelId) {
        return badRequest("authorization_model_not_found", "Authorization Model '" + modelId + "' not found");
    }

    static ApiError noModel(String storeId) {
        return badRequest("latest_authorization_model_not_found",
                "No authorization models found for store '" + storeId + "'");
    }

    static ApiError invalidToken() {
        return badRequest("invalid_continuation_token", "Invalid continuation token");
    }
}
