package org.rasterdesk.serve;

/**
 * A request the server refuses: its HTTP status and a one-line reason, sent as plain text (never a stack trace).
 */
final class HttpError extends RuntimeException {

    private final int status;

    HttpError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static HttpError badRequest(String reason) {
        return new HttpError(400, reason);
    }

    static HttpError notFound(String reason) {
        return new HttpError(404, reason);
    }

    int status() {
        return status;
    }
}
