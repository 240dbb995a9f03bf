package dev.synin.security.session;

import jakarta.enterprise.context.ApplicationScoped;

import dev.synin.security.AccessTokenIdentityProvider;
import dev.synin.security.AuthConfig;
import dev.synin.security.SyninIdentity;
import dev.synin.security.oidc.OidcConfig;
import dev.synin.security.user.AppUser;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a session cookie into the identity it was opened for. The database lookup runs on a worker thread, never on
 * the event loop. A session opened in another mode, with a token that has since changed, or with another provider, is
 * not accepted.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionAuthenticationRequest> {

    private final AuthConfig config;
    private final SessionService sessions;
    private final AccessTokenIdentityProvider tokens;
    private final OidcConfig oidc;

    SessionIdentityProvider(AuthConfig config, SessionService sessions, AccessTokenIdentityProvider tokens, OidcConfig oidc) {
        this.config = config;
        this.sessions = sessions;
        this.tokens = tokens;
        this.oidc = oidc;
    }

    @Override
    public Class<SessionAuthenticationRequest> getRequestType() {
        return SessionAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            SessionService.Live live = sessions.resume(request.sessionId()).orElseThrow(AuthenticationFailedException::new);
            QuarkusSecurityIdentity.Builder identity = switch (config.mode()) {
                case TOKEN -> {
                    if (live.userId() != null || !tokens.sessionTag().equals(live.credential())) {
                        throw new AuthenticationFailedException();
                    }
                    yield SyninIdentity.tokenHolder();
                }
                case USERS -> {
                    if (live.userId() == null || live.credential() != null) {
                        throw new AuthenticationFailedException();
                    }
                    yield SyninIdentity.user(live.userId(), live.username(), AppUser.ADMIN.equals(live.role()));
                }
                case OIDC -> {
                    // Only sessions opened by a sign-in with the provider configured now.
                    if (live.userId() == null || !oidc.sessionTag().equals(live.credential())) {
                        throw new AuthenticationFailedException();
                    }
                    QuarkusSecurityIdentity.Builder user = SyninIdentity.user(live.userId(), live.username(),
                            AppUser.ADMIN.equals(live.role()));
                    yield live.displayName() == null ? user : user.addAttribute(SyninIdentity.DISPLAY_NAME, live.displayName());
                }
                case NONE -> throw new AuthenticationFailedException();
            };
            return identity.addAttribute(SyninIdentity.RENEWED, live.renewed()).build();
        });
    }
}
