package dev.synin.security.user;

import jakarta.enterprise.context.ApplicationScoped;

import dev.synin.security.AuthConfig;
import dev.synin.security.SyninIdentity;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/** Users mode: checks a username and password against the bcrypt hashes in PostgreSQL, off the event loop. */
@ApplicationScoped
class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final AuthConfig config;
    private final UserService users;

    PasswordIdentityProvider(AuthConfig config, UserService users) {
        this.config = config;
        this.users = users;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        if (config.mode() != AuthConfig.Mode.USERS) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return context.runBlocking(() -> users.verify(request.getUsername(), new String(request.getPassword().getPassword()))
                .map(user -> (SecurityIdentity) SyninIdentity.user(user.id, user.username, user.isAdmin()).build())
                .orElseThrow(AuthenticationFailedException::new));
    }
}
