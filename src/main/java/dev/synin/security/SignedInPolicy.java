package dev.synin.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The {@code synin-signed-in} policy of {@code quarkus.http.auth.permission.signed-in} (application.properties): a
 * signed-in caller passes; so does everyone in {@code none} mode, which the mode decides at run time and a permission's
 * {@code policy=authenticated} could not. An anonymous caller who is denied gets the mechanism's challenge
 * ({@link SyninAuthenticationMechanism#sendChallenge}: 401 JSON for the API, 303 to /login for pages).
 */
@ApplicationScoped
class SignedInPolicy implements HttpSecurityPolicy {

    static final String NAME = "synin-signed-in";

    private final AuthConfig config;

    SignedInPolicy(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        if (!config.enabled()) {
            return Uni.createFrom().item(CheckResult.PERMIT);
        }
        return identity.map(caller -> caller.isAnonymous() ? CheckResult.DENY : CheckResult.PERMIT);
    }

    @Override
    public String name() {
        return NAME;
    }
}
