package dev.synin.security.oidc;

import java.net.URI;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.synin.security.AccessPaths;
import dev.synin.security.AuthConfig;
import dev.synin.security.LoginPage;
import dev.synin.security.SessionCookies;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * Oidc mode's sign-in: {@code GET /login/oidc} sends the browser to the provider (authorization code flow with PKCE,
 * state and nonce), {@code GET /login/oidc/callback} is where it comes back: the code is redeemed, the ID token checked,
 * the account found or created, and a Synin session opened exactly as a password sign-in would. Any failure shows the
 * sign-in page with one message and a 4xx (502 when the provider cannot be reached); nothing is changed then.
 */
@Path(PendingSignIn.PATH)
@Produces(MediaType.TEXT_HTML)
@Blocking
public class OidcResource {

    private final AuthConfig auth;
    private final OidcConfig config;
    private final OidcClient client;
    private final OidcSignIn signIn;
    private final LoginPage page;

    OidcResource(AuthConfig auth, OidcConfig config, OidcClient client, OidcSignIn signIn, LoginPage page) {
        this.auth = auth;
        this.config = config;
        this.client = client;
        this.signIn = signIn;
        this.page = page;
    }

    @GET
    public Response start(@Context HttpServerRequest http) {
        if (auth.mode() != AuthConfig.Mode.OIDC) {
            return seeOther(URI.create(AccessPaths.LOGIN));
        }
        ProviderMetadata provider;
        try {
            provider = client.metadata();
        } catch (OidcException e) {
            return failed(e);
        }
        PendingSignIn pending = PendingSignIn.start();
        String url = provider.authorizationEndpoint() + (provider.authorizationEndpoint().getRawQuery() == null ? "?" : "&")
                + "response_type=code&client_id=" + OidcClient.encode(config.clientId().orElseThrow())
                + "&redirect_uri=" + OidcClient.encode(SignInUrls.callback(http, config).toString())
                + "&scope=" + OidcClient.encode(scopes()) + "&state=" + pending.state() + "&nonce=" + pending.nonce()
                + "&code_challenge=" + pending.challenge() + "&code_challenge_method=S256";
        return Response.fromResponse(seeOther(URI.create(url))).header(HttpHeaders.SET_COOKIE, pending.setCookie(http)).build();
    }

    @GET
    @Path("callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state, @QueryParam("error") String error,
            @QueryParam("error_description") String description, @QueryParam("iss") String iss, @CookieParam(PendingSignIn.COOKIE) String pendingCookie,
            @CookieParam(SessionCookies.NAME) String oldSession, @Context HttpServerRequest http) {
        if (auth.mode() != AuthConfig.Mode.OIDC) {
            return seeOther(URI.create(AccessPaths.LOGIN));
        }
        // The pending sign-in is used once, whatever happens now.
        String clear = PendingSignIn.clearCookie(http);
        try {
            PendingSignIn pending = PendingSignIn.of(pendingCookie).orElseThrow(() -> new OidcException(OidcException.Kind.BAD_CALLBACK,
                    "This sign-in was not started in this browser, or took longer than "
                            + PendingSignIn.LIFETIME.toMinutes() + " minutes. Sign in again."));
            if (!pending.answers(state)) {
                throw new OidcException(OidcException.Kind.BAD_CALLBACK,
                        "The provider's answer does not belong to this sign-in (state mismatch). Sign in again.");
            }
            // RFC 9207: a provider that names itself in its answer must name the one this sign-in went to (mix-up attacks).
            if (iss != null && !ProviderMetadata.stripSlash(iss).equals(ProviderMetadata.stripSlash(client.metadata().issuer()))) {
                throw new OidcException(OidcException.Kind.BAD_CALLBACK, "The answer comes from another provider (iss). Sign in again.");
            }
            if (error != null) {
                throw new OidcException(OidcException.Kind.REFUSED, page.providerName() + " did not sign you in: " + error
                        + (description == null ? "" : " (" + description + ")") + ".");
            }
            if (code == null || code.isEmpty()) {
                throw new OidcException(OidcException.Kind.BAD_CALLBACK, "The provider's answer has no code. Sign in again.");
            }
            String session = signIn.complete(code, SignInUrls.callback(http, config), pending, oldSession);
            return Response.fromResponse(seeOther(URI.create("/"))).header(HttpHeaders.SET_COOKIE, clear)
                    .header(HttpHeaders.SET_COOKIE, SessionCookies.issue(http, session, auth)).build();
        } catch (OidcException e) {
            return Response.fromResponse(failed(e)).header(HttpHeaders.SET_COOKIE, clear).build();
        }
    }

    private String scopes() {
        String scopes = config.scopes().strip();
        return (" " + scopes + " ").contains(" openid ") ? scopes : "openid " + scopes;
    }

    private Response failed(OidcException e) {
        Log.infof("OIDC sign-in failed: %s", e.getMessage());
        return page.render(e.status(), e.getMessage());
    }

    /** A relative Location where it can be (it stays right behind any proxy); the provider's is absolute. */
    private static Response seeOther(URI location) {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
