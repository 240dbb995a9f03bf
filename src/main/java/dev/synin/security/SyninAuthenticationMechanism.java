package dev.synin.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.synin.error.ErrorCode;
import dev.synin.error.ErrorWriter;
import dev.synin.security.session.SessionAuthenticationRequest;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Finds who is calling: the {@code synin_session} cookie (token and users modes) or {@code Authorization: Bearer}
 * (token mode). A missing or bad credential leaves the request anonymous; the path rules in application.properties
 * ({@code quarkus.http.auth.permission.*}, {@link SignedInPolicy}) then decide, so the login page and static files stay
 * reachable with a stale cookie, and a refusal gets this mechanism's challenge. In {@code none} mode nobody signs in.
 */
@ApplicationScoped
public class SyninAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Routing-context key: why a credential that was sent did not sign the request in ({@link Refusal}). */
    static final String REFUSAL = "synin.auth.refusal";

    /** Why a sent credential did not count. */
    enum Refusal {
        BAD_TOKEN, BEARER_NOT_ALLOWED, THROTTLED, STORE_DOWN
    }

    private static final String BEARER = "Bearer ";

    private final AuthConfig config;
    private final LoginThrottle throttle;

    SyninAuthenticationMechanism(AuthConfig config, LoginThrottle throttle) {
        this.config = config;
        this.throttle = throttle;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!config.enabled() || AccessPaths.isStaticAsset(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return bearer(context, identities, authorization.substring(BEARER.length()).strip());
        }
        Cookie cookie = context.request().getCookie(SessionCookies.NAME);
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(inContext(new SessionAuthenticationRequest(cookie.getValue()), context))
                .invoke(identity -> {
                    if (Boolean.TRUE.equals(identity.getAttribute(SyninIdentity.RENEWED))) {
                        context.response().headers().add(HttpHeaders.SET_COOKIE,
                                SessionCookies.issue(context.request(), cookie.getValue(), config));
                    }
                })
                .onFailure(AuthenticationFailedException.class).recoverWithNull()
                .onFailure().recoverWithItem(storeDown -> {
                    Log.warnf("Cannot check a session: %s", storeDown.getMessage());
                    context.put(REFUSAL, Refusal.STORE_DOWN);
                    return null;
                });
    }

    private Uni<SecurityIdentity> bearer(RoutingContext context, IdentityProviderManager identities, String token) {
        if (config.mode() != AuthConfig.Mode.TOKEN) {
            context.put(REFUSAL, Refusal.BEARER_NOT_ALLOWED);
            return Uni.createFrom().nullItem();
        }
        String address = LoginResource.clientAddress(context.request());
        if (throttle.retryAfterSeconds(address) > 0) {
            context.put(REFUSAL, Refusal.THROTTLED);
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(inContext(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), context))
                .onFailure(AuthenticationFailedException.class).recoverWithItem(() -> {
                    throttle.recordFailure(address);
                    context.put(REFUSAL, Refusal.BAD_TOKEN);
                    return null;
                });
    }

    private static <T extends AuthenticationRequest> T inContext(T request, RoutingContext context) {
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return request;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    /**
     * An anonymous caller refused by the {@code synin-signed-in} path rule or by {@code @RolesAllowed}: why a credential
     * that was sent did not count (429 throttled, 503 session store down, 401 with the reason), else 401 JSON for the API
     * and anything but GET/HEAD, and a 303 to the login page for pages.
     */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        Refusal refusal = context.get(REFUSAL);
        if (refusal == Refusal.THROTTLED) {
            context.response().putHeader("Retry-After", String.valueOf(config.loginFailureWindow().toSeconds()));
            ErrorWriter.end(context, ErrorCode.RATE_LIMITED, "Too many failed sign-ins from your address; try again later.");
        } else if (refusal == Refusal.STORE_DOWN) {
            context.response().putHeader("Retry-After", "5");
            ErrorWriter.end(context, ErrorCode.DATABASE_UNAVAILABLE, "Cannot check your session: the database is unavailable.");
        } else if (AccessPaths.isApi(context.normalizedPath()) || context.request().method() != HttpMethod.GET
                && context.request().method() != HttpMethod.HEAD) {
            ErrorWriter.end(context, ErrorCode.UNAUTHORIZED, message(refusal));
        } else if (!context.response().ended()) {
            context.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, AccessPaths.LOGIN)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
        }
        return Uni.createFrom().item(true);
    }

    private String message(Refusal refusal) {
        if (refusal == Refusal.BAD_TOKEN) {
            return "The access token is not valid.";
        }
        if (refusal == Refusal.BEARER_NOT_ALLOWED) {
            return "Bearer tokens are accepted only with SYNIN_AUTH_MODE=token; sign in at /login.";
        }
        if (!config.enabled()) {
            return "Sign in first.";
        }
        return config.mode() == AuthConfig.Mode.TOKEN
                ? "Sign in at /login, or send Authorization: Bearer with the access token."
                : "Sign in at /login first.";
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionAuthenticationRequest.class, TokenAuthenticationRequest.class);
    }
}
