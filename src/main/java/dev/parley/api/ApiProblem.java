package dev.parley.api;

/** A refused API call: its HTTP status and the {@code error} code and message of its body. */
final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    /** For a 405, the method the path takes (the {@code Allow} header); else null. */
    private final String allow;

    ApiProblem(int status, String code, String message) {
        this(status, code, message, null);
    }

    private ApiProblem(int status, String code, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.allow = allow;
    }

    static ApiProblem methodNotAllowed(String path, String allow) {
        return new ApiProblem(405, "method_not_allowed", "/api" + path + " takes " + allow + " only", allow);
    }

    String allow() {
        return allow;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
