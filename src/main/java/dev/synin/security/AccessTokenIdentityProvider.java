package dev.synin.security;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/** Token mode: the shared {@code SYNIN_ACCESS_TOKEN}, from the login form or an {@code Authorization: Bearer} header. */
@ApplicationScoped
public class AccessTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final int WEAK_BELOW = 16;

    private final AuthConfig config;
    private final AuthSecrets secrets;
    private volatile String sessionTag;

    AccessTokenIdentityProvider(AuthConfig config, AuthSecrets secrets) {
        this.config = config;
        this.secrets = secrets;
    }

    void check(@Observes StartupEvent event) {
        if (config.mode() != AuthConfig.Mode.TOKEN) {
            return;
        }
        String token = secrets.accessToken().orElseThrow(() -> new IllegalStateException("SYNIN_AUTH_MODE=token needs SYNIN_ACCESS_TOKEN (a long random secret)."));
        if (token.length() < WEAK_BELOW) {
            Log.warnf("SYNIN_ACCESS_TOKEN has fewer than %d characters; use a long random one, e.g. `openssl rand -base64 32`.", WEAK_BELOW);
        }
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (config.mode() == AuthConfig.Mode.TOKEN && secrets.accessToken().isPresent()
                && Secrets.constantTimeEquals(request.getToken().getToken(), secrets.accessToken().get())) {
            return Uni.createFrom().item(SyninIdentity.tokenHolder().build());
        }
        return Uni.createFrom().failure(new AuthenticationFailedException());
    }

    /**
     * Stored with each token-mode session so that a new token ends the sessions opened with the old one. A bcrypt
     * hash whose salt comes from the token itself: the same for the same token, and slow to guess from a leaked table.
     */
    public String sessionTag() {
        String tag = sessionTag;
        if (tag == null) {
            String digest = Secrets.sha256("synin session tag\0" + secrets.accessToken().orElse(""));
            tag = BcryptUtil.bcryptHash(digest, 10, Arrays.copyOf(Secrets.sha256Bytes(digest), 16));
            sessionTag = tag;
        }
        return tag;
    }
}
