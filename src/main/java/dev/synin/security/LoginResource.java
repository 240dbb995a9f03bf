package dev.synin.security;

import java.time.Duration;
import java.util.Optional;

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

import dev.synin.security.oidc.ProviderLogout;
import dev.synin.security.session.SessionService;
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
 * one message for every failure) and {@code POST /logout} (the session row is deleted and the cookie cleared; in oidc
 * mode the next {@code GET /login} also logs out at the provider, see {@link ProviderLogout}). The oidc sign-in itself is
 * {@link dev.synin.security.oidc.OidcResource}.
 */
@Path("/")
public class LoginResource {

    private final AuthConfig config;
    private final IdentityProviderManager identities;
    private final SessionService sessions;
    private final AccessTokenIdentityProvider tokens;
    private final LoginThrottle throttle;
    private final SecurityIdentity caller;
    private final LoginPage loginPage;
    private final ProviderLogout providerLogout;

    LoginResource(AuthConfig config, IdentityProviderManager identities, SessionService sessions, AccessTokenIdentityProvider tokens,
            LoginThrottle throttle, SecurityIdentity caller, LoginPage loginPage, ProviderLogout providerLogout) {
        this.config = config;
        this.identities = identities;
        this.sessions = sessions;
        this.tokens = tokens;
        this.throttle = throttle;
        this.caller = caller;
        this.loginPage = loginPage;
        this.providerLogout = providerLogout;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Blocking
    public Response page(@QueryParam("error") String error, @CookieParam(ProviderLogout.COOKIE) String logoutAtProvider,
            @Context HttpServerRequest http) {
        if (!config.enabled() || !caller.isAnonymous()) {
            return seeOther("/");
        }
        if (config.mode() == AuthConfig.Mode.OIDC && logoutAtProvider != null) {
            // Just logged out of Synin: now out of the provider too, which sends the browser back here.
            Response next = providerLogout.endSession(http, logoutAtProvider)
                    .map(endSession -> Response.status(Response.Status.SEE_OTHER).location(endSession)
                            .header(HttpHeaders.CACHE_CONTROL, "no-store").build())
                    .orElseGet(() -> page(200, null));
            return Response.fromResponse(next).header(HttpHeaders.SET_COOKIE, providerLogout.clear(http)).build();
        }
        return page(200, "1".equals(error) && config.mode() != AuthConfig.Mode.OIDC ? failureMessage() : null);
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
        if (config.mode() == AuthConfig.Mode.OIDC) {
            // No passwords in oidc mode: the page offers the provider's sign-in.
            return seeOther(AccessPaths.LOGIN);
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
        Optional<String> idToken = sessions.close(session);
        Response.ResponseBuilder out = Response.fromResponse(seeOther(config.enabled() ? AccessPaths.LOGIN : "/"))
                .header(HttpHeaders.SET_COOKIE, SessionCookies.clear(http));
        if (config.mode() == AuthConfig.Mode.OIDC) {
            out.header(HttpHeaders.SET_COOKIE, providerLogout.pending(http, idToken));
        }
        return out.build();
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
        return loginPage.render(status, error);
    }

    /** A relative Location, so it stays right behind any proxy. */
    private static Response seeOther(String location) {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
