package dev.synin.security.oidc;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import dev.synin.security.session.SessionService;
import dev.synin.security.user.AppUser;
import dev.synin.security.user.UserService;

/**
 * The end of a sign-in with the provider: the checked identity becomes a Synin account (created at its first sign-in,
 * keyed by issuer and subject, admin or not by the configured claim) and a fresh Synin session, as in users mode.
 */
@ApplicationScoped
class OidcSignIn {

    private final OidcConfig config;
    private final OidcClient client;
    private final UserService users;
    private final SessionService sessions;

    OidcSignIn(OidcConfig config, OidcClient client, UserService users, SessionService sessions) {
        this.config = config;
        this.client = client;
        this.users = users;
        this.sessions = sessions;
    }

    /** The new session's cookie value; the session the browser had (if any) ends (no session fixation). */
    String complete(String code, URI redirectUri, PendingSignIn pending, String oldSession) {
        OidcClient.SignedIn signedIn = client.redeem(code, redirectUri, pending);
        String subject = IdTokenVerifier.subject(signedIn.claims());
        if (subject.length() > 255) {
            throw new OidcException(OidcException.Kind.REFUSED, "The provider's subject is longer than 255 characters.");
        }
        String issuer = client.metadata().issuer();
        boolean admin = ProviderProfile.isAdmin(signedIn.profile(), config.adminClaim(), config.adminValue());
        AppUser user = users.signInFromProvider(issuer, subject, ProviderProfile.displayName(signedIn.profile(), subject), admin);
        sessions.close(oldSession);
        return sessions.open(user.ownerId(), user.id, config.sessionTag(), signedIn.idToken());
    }
}
