package dev.synin.lmstudio;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The server answered with an HTTP error. Carries the server's own message, read from either error shape:
 * {@code {"error":"..."}} (LM Studio before 0.3.x, llama.cpp) or {@code {"error":{"message":"..."}}} (OpenAI style).
 */
public class UpstreamHttpException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String upstreamCode;

    public UpstreamHttpException(int status, String upstreamCode, String message) {
        super(message);
        this.status = status;
        this.upstreamCode = upstreamCode;
    }

    public int status() {
        return status;
    }

    public String upstreamCode() {
        return upstreamCode;
    }

    static UpstreamHttpException from(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return parse(response.getStatus(), body);
    }

    static UpstreamHttpException parse(int status, String body) {
        String message = null;
        String code = null;
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) {
                message = error.asText();
            } else if (error.isObject()) {
                message = error.path("message").asText(null);
                code = error.path("code").asText(null);
            }
        } catch (Exception notJson) {
            // Not JSON (an HTML error page, a proxy's text): fall back to the raw body below.
        }
        if (message == null || message.isBlank()) {
            String text = body == null ? "" : body.strip();
            message = text.isEmpty() ? "HTTP " + status : abbreviate(text, 300);
        }
        return new UpstreamHttpException(status, code, message);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
