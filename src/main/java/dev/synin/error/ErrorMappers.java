package dev.synin.error;

import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.logging.Log;

/** Every failure leaves Synin as {@code {"error":{"code","message"}}} with the right status, never as a stack trace. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response response = respond(e.errorCode(), e.getMessage());
        if (e instanceof dev.synin.limits.RateLimitedException limited) {
            response.getHeaders().putSingle("Retry-After", String.valueOf(limited.retryAfterSeconds()));
        } else if (e.errorCode() == ErrorCode.SERVICE_UNAVAILABLE) {
            response.getHeaders().putSingle("Retry-After", "5");
        }
        return response;
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return respond(ErrorCode.BAD_REQUEST, describeJson(e));
    }

    /** Quarkus has a built-in mapper for this subtype that answers without a body; this one says which field. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return respond(ErrorCode.BAD_REQUEST, describeJson(e));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json(json);
        }
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 400 -> respond(ErrorCode.BAD_REQUEST, e instanceof jakarta.ws.rs.BadRequestException && cause == null
                    ? "The request is malformed (bad JSON or a value of the wrong type)." : message(e));
            case 404 -> respond(ErrorCode.NOT_FOUND, e instanceof NotFoundException ? "No such resource." : message(e));
            case 405 -> respond(status, "method_not_allowed", "This method is not allowed here.");
            case 406 -> respond(status, "not_acceptable", "Synin cannot answer in the requested media type.");
            case 413 -> respond(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large.");
            case 415 -> respond(ErrorCode.UNSUPPORTED_MEDIA_TYPE, e instanceof NotSupportedException
                    ? "Send the body as application/json." : message(e));
            default -> status >= 500 ? internal(e) : respond(status, "http_" + status, message(e));
        };
    }

    /** Every constraint on a request record or parameter that failed, each as "field message", in one 400. */
    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream().map(ErrorMappers::describe).sorted()
                .collect(Collectors.joining(" "));
        return respond(ErrorCode.BAD_REQUEST, message.isEmpty() ? "The request is not valid." : message);
    }

    @ServerExceptionMapper
    public Response validation(ValidationException e) {
        if (e instanceof ConstraintViolationException violations) {
            return violations(violations);
        }
        return internal(e);
    }

    private static String describe(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getKind() != ElementKind.BEAN && node.getName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        String text = violation.getMessage();
        String sentence = field.isEmpty() ? text : field + " " + text;
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }

    @ServerExceptionMapper
    public Response database(JDBCConnectionException e) {
        return databaseUnavailable(e);
    }

    private static Response databaseUnavailable(Throwable e) {
        Log.warnf("Database unreachable: %s", e.getMessage());
        return respond(ErrorCode.DATABASE_UNAVAILABLE, "The database is unavailable; nothing was lost, try again in a moment.");
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        var clientSide = ClientSideFailure.of(e);
        if (clientSide.isPresent()) {
            // A hang-up or a body cut off at the limit: the client's doing, nothing to fix in Synin.
            Log.debugf("Request ended by the client's side: %s", e);
            return clientSide.get().response();
        }
        if (hasCause(e, java.sql.SQLTransientConnectionException.class) || hasCause(e, java.net.ConnectException.class)
                && hasCause(e, java.sql.SQLException.class) || hasCause(e, JDBCConnectionException.class)) {
            return databaseUnavailable(e);
        }
        return internal(e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Response internal(Throwable e) {
        Log.error("Unexpected failure", e);
        return respond(ErrorCode.INTERNAL, "Something went wrong inside Synin; the details are in its log.");
    }

    static String describeJson(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field \"" + unknown.getPropertyName() + "\".";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "Invalid value " + abbreviate(String.valueOf(invalid.getValue())) + " for " + path(invalid) + ".";
        }
        if (e instanceof MismatchedInputException mismatched) {
            return "Wrong type of value for " + path(mismatched) + ".";
        }
        return "The body is not valid JSON: " + abbreviate(e.getOriginalMessage()) + ".";
    }

    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the body" : "\"" + path + "\"";
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static String message(WebApplicationException e) {
        return e.getMessage() == null ? "HTTP " + e.getResponse().getStatus() : e.getMessage();
    }

    public static Response respond(ErrorCode code, String message) {
        return ErrorWriter.response(code, message);
    }

    private static Response respond(int status, String code, String message) {
        return ErrorWriter.response(status, code, message);
    }
}
