package dev.synin.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

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
import io.vertx.ext.web.RoutingContext;

/**
 * Finds who is calling: the {@code synin_session} cookie (token and users modes) or {@code Authorization: Bearer}
 * (token mode). A missing or bad credential leaves the request anonymous; {@link AccessGate} then decides, so the
 * login page and static files stay reachable with a stale cookie. In {@code none} mode nobody signs in.
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

    /** Only reached from {@code @RolesAllowed} on a request that is anonymous; {@link AccessGate} answers the rest. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionAuthenticationRequest.class, TokenAuthenticationRequest.class);
    }
}
