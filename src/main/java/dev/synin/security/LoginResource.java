package dev.synin.security;

import java.time.Duration;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import dev.synin.security.session.SessionService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /login} (the form), {@code POST /login} (a fresh session and a 303 to {@code /}, or back to the form with
 * one message for every failure) and {@code POST /logout} (the session row is deleted and the cookie cleared).
 */
@Path("/")
public class LoginResource {

    @CheckedTemplate(basePath = "")
    static class Templates {
        static native TemplateInstance login(boolean usersMode, String error);
    }

    private final AuthConfig config;
    private final IdentityProviderManager identities;
    private final SessionService sessions;
    private final AccessTokenIdentityProvider tokens;
    private final LoginThrottle throttle;
    private final SecurityIdentity caller;

    LoginResource(AuthConfig config, IdentityProviderManager identities, SessionService sessions, AccessTokenIdentityProvider tokens,
            LoginThrottle throttle, SecurityIdentity caller) {
        this.config = config;
        this.identities = identities;
        this.sessions = sessions;
        this.tokens = tokens;
        this.throttle = throttle;
        this.caller = caller;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("error") String error) {
        if (!config.enabled() || !caller.isAnonymous()) {
            return seeOther("/");
        }
        return page(200, "1".equals(error) ? failureMessage() : null);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Blocking
    public Response login(@RestForm String username, @RestForm String password, @RestForm String token,
            @CookieParam(SessionCookies.NAME) String oldSession, @Context HttpServerRequest http) {
        if (!config.enabled()) {
            return seeOther("/");
        }
        String address = clientAddress(http);
        long wait = throttle.retryAfterSeconds(address);
        if (wait > 0) {
            long minutes = Math.max(1, Duration.ofSeconds(wait).toMinutes());
            return Response.fromResponse(page(429, "Too many failed sign-ins from your address. Try again in " + minutes
                    + (minutes == 1 ? " minute." : " minutes."))).header("Retry-After", wait).build();
        }
        SecurityIdentity identity;
        try {
            identity = identities.authenticateBlocking(credentials(username, password, token));
        } catch (AuthenticationFailedException failed) {
            throttle.recordFailure(address);
            return seeOther("/login?error=1");
        }
        // A new session id at every sign-in (no session fixation); whatever session this browser had ends now.
        sessions.close(oldSession);
        String id = sessions.open(SyninIdentity.ownerOf(identity), identity.getAttribute(SyninIdentity.USER_ID),
                config.mode() == AuthConfig.Mode.TOKEN ? tokens.sessionTag() : null);
        return Response.fromResponse(seeOther("/")).header(HttpHeaders.SET_COOKIE, SessionCookies.issue(http, id, config)).build();
    }

    @POST
    @Path("logout")
    @Blocking
    public Response logout(@CookieParam(SessionCookies.NAME) String session, @Context HttpServerRequest http) {
        sessions.close(session);
        return Response.fromResponse(seeOther(config.enabled() ? AccessPaths.LOGIN : "/"))
                .header(HttpHeaders.SET_COOKIE, SessionCookies.clear(http)).build();
    }

    /** The caller's address; behind a proxy, the one it forwarded when proxy-address-forwarding is on. */
    static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private AuthenticationRequest credentials(String username, String password, String token) {
        if (config.mode() == AuthConfig.Mode.USERS) {
            if (username == null || password == null) {
                throw new AuthenticationFailedException();
            }
            return new UsernamePasswordAuthenticationRequest(username, new PasswordCredential(password.toCharArray()));
        }
        if (token == null || token.isEmpty()) {
            throw new AuthenticationFailedException();
        }
        return new TokenAuthenticationRequest(new TokenCredential(token, "form"));
    }

    /** One message for an unknown user and a wrong password alike: the page does not tell which accounts exist. */
    private String failureMessage() {
        return config.mode() == AuthConfig.Mode.USERS ? "Wrong username or password." : "Wrong access token.";
    }

    private Response page(int status, String error) {
        return Response.status(status).entity(Templates.login(config.mode() == AuthConfig.Mode.USERS, error))
                .type(MediaType.TEXT_HTML_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** A relative Location, so it stays right behind any proxy. */
    private static Response seeOther(String location) {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
