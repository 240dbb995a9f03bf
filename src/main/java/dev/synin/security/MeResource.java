package dev.synin.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;

/** {@code GET /api/me}: what the UI needs to show a logout button and the admin page. */
@Path("/api/me")
public class MeResource {

    /**
     * {@code username} is null unless accounts are on (users and oidc modes); {@code displayName} is what the OpenID
     * Connect provider calls the user (oidc mode), else the username.
     */
    @RegisterForReflection
    public record Me(String mode, String username, String displayName, boolean admin) {
    }

    private final AuthConfig config;
    private final SecurityIdentity caller;

    MeResource(AuthConfig config, SecurityIdentity caller) {
        this.config = config;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Me me() {
        boolean users = config.accounts() && !caller.isAnonymous();
        String username = users ? caller.getPrincipal().getName() : null;
        String displayName = users && caller.getAttribute(SyninIdentity.DISPLAY_NAME) != null
                ? caller.getAttribute(SyninIdentity.DISPLAY_NAME) : username;
        return new Me(config.mode().name().toLowerCase(java.util.Locale.ROOT), username, displayName,
                users && caller.hasRole(SyninIdentity.ROLE_ADMIN));
    }
}
