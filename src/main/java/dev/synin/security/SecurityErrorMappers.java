package dev.synin.security;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.synin.error.ErrorCode;
import dev.synin.error.ErrorWriter;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** {@code @RolesAllowed} refusals in the API's JSON error shape. */
public class SecurityErrorMappers {

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return ErrorWriter.response(ErrorCode.UNAUTHORIZED, "Sign in first.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ErrorWriter.response(ErrorCode.FORBIDDEN, "Only an admin may do this.");
    }
}
