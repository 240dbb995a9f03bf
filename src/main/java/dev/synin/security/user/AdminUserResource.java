package dev.synin.security.user;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import dev.synin.security.AuthConfig;
import dev.synin.security.SyninIdentity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * Users and oidc modes, admins only: list, add and remove accounts. In oidc mode accounts come from the provider (created
 * at their first sign-in), so none is added here; a removed one is created afresh, empty, at its next sign-in.
 */
@Path("/api/admin/users")
@RolesAllowed(SyninIdentity.ROLE_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AdminUserResource {

    /** {@code admin} is optional and false by default. */
    @RegisterForReflection
    public record NewUser(String username, String password, Boolean admin) {
    }

    private final UserService users;
    private final SecurityIdentity caller;
    private final AuthConfig config;

    AdminUserResource(UserService users, SecurityIdentity caller, AuthConfig config) {
        this.users = users;
        this.caller = caller;
        this.config = config;
    }

    @GET
    public Map<String, List<UserService.UserView>> list() {
        return Map.of("items", users.list());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(NewUser user) {
        if (config.mode() == AuthConfig.Mode.OIDC) {
            throw new ApiException(ErrorCode.CONFLICT, "With SYNIN_AUTH_MODE=oidc accounts come from the sign-in provider:"
                    + " they are created at their first sign-in.");
        }
        if (user == null) {
            throw ApiException.badRequest("Send {\"username\":\"...\",\"password\":\"...\",\"admin\":false}.");
        }
        UserService.UserView added = users.add(user.username(), user.password(), Boolean.TRUE.equals(user.admin()));
        return Response.created(URI.create("/api/admin/users/" + added.username())).entity(added).build();
    }

    @DELETE
    @Path("/{username}")
    public Response remove(@PathParam("username") String username) {
        users.remove(username, caller.getPrincipal().getName());
        return Response.noContent().build();
    }
}
