package dev.synin.security.user;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.synin.error.ApiException;
import dev.synin.security.SyninIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET} and {@code PUT /api/me/defaults}: the signed-in account's defaults for new chats (model, temperature, max
 * tokens, system prompt), the same on every device. Only with accounts (users and oidc modes); elsewhere 404, and the
 * page keeps its defaults in the browser.
 */
@Path("/api/me/defaults")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DefaultsResource {

    private final UserService users;
    private final SecurityIdentity caller;

    DefaultsResource(UserService users, SecurityIdentity caller) {
        this.users = users;
        this.caller = caller;
    }

    @GET
    public UserService.ChatDefaults get() {
        return users.defaults(account());
    }

    /** Replaces all four: a field left out or null is unset. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public UserService.ChatDefaults put(UserService.ChatDefaults defaults) {
        if (defaults == null) {
            throw ApiException.badRequest("Send {\"model\":...,\"temperature\":...,\"maxTokens\":...,\"systemPrompt\":...}.");
        }
        return users.saveDefaults(account(), defaults);
    }

    private long account() {
        Long id = caller.isAnonymous() ? null : caller.getAttribute(SyninIdentity.USER_ID);
        if (id == null) {
            throw ApiException.notFound("Defaults are kept on the server only with accounts (SYNIN_AUTH_MODE=users or oidc);"
                    + " this browser keeps its own.");
        }
        return id;
    }
}
