package dev.synin.security.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.synin.security.AuthConfig;
import dev.synin.security.Secrets;
import dev.synin.security.user.AppUser;

/**
 * Server-side sessions: a 256-bit random id goes to the browser once, PostgreSQL keeps only its SHA-256. A session
 * ends when it is idle for {@code SYNIN_SESSION_IDLE_TIMEOUT}, at logout, or when its account is removed.
 */
@ApplicationScoped
@Transactional
public class SessionService {

    /** 32 random bytes in base64url. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Duration MAX_RENEW_EVERY = Duration.ofMinutes(1);

    /** What a valid session stands for. {@code renewed}: its idle deadline moved, so the cookie should be sent again. */
    public record Live(String ownerId, Long userId, String credential, String username, String displayName, String role,
            boolean renewed) {
    }

    private final AuthConfig config;

    SessionService(AuthConfig config) {
        this.config = config;
    }

    /** Opens a session and returns the cookie value; it is not stored anywhere. */
    public String open(String ownerId, Long userId, String credential) {
        return open(ownerId, userId, credential, null);
    }

    /** The same, keeping the ID token of an OpenID Connect sign-in for the provider's logout. */
    public String open(String ownerId, Long userId, String credential, String idToken) {
        Instant now = Instant.now();
        UserSession.deleteExpired(now);
        String id = Secrets.random(32);
        UserSession session = new UserSession();
        session.idHash = Secrets.sha256(id);
        session.ownerId = ownerId;
        session.userId = userId;
        session.credential = credential;
        session.idToken = idToken;
        session.createdAt = now;
        session.lastSeen = now;
        session.expiresAt = now.plus(config.sessionIdleTimeout());
        session.persist();
        return id;
    }

    /** The live session behind this cookie value, if any; its idle deadline is moved on (at most once a minute). */
    public Optional<Live> resume(String id) {
        if (id == null || !WELL_FORMED.matcher(id).matches()) {
            return Optional.empty();
        }
        UserSession session = UserSession.findById(Secrets.sha256(id));
        Instant now = Instant.now();
        if (session == null || !session.expiresAt.isAfter(now)) {
            return Optional.empty();
        }
        String username = null;
        String displayName = null;
        String role = null;
        if (session.userId != null) {
            AppUser user = AppUser.findById(session.userId);
            if (user == null) {
                return Optional.empty();
            }
            username = user.username;
            displayName = user.displayName;
            role = user.role;
        }
        Duration idle = config.sessionIdleTimeout();
        Duration renewEvery = idle.dividedBy(10).compareTo(MAX_RENEW_EVERY) < 0 ? idle.dividedBy(10) : MAX_RENEW_EVERY;
        boolean renew = session.lastSeen.plus(renewEvery).isBefore(now);
        if (renew) {
            session.lastSeen = now;
            session.expiresAt = now.plus(idle);
        }
        return Optional.of(new Live(session.ownerId, session.userId, session.credential, username, displayName, role, renew));
    }

    /**
     * Ends the session behind this cookie value; nothing happens for an unknown one. Returns the ID token it was opened
     * with, if any (oidc mode), for the provider's logout.
     */
    public Optional<String> close(String id) {
        if (id == null || !WELL_FORMED.matcher(id).matches()) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(id);
        Optional<String> idToken = UserSession.findByHash(hash).map(session -> session.idToken);
        UserSession.deleteByHash(hash);
        return idToken;
    }
}
