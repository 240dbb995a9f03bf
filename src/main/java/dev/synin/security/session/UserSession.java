package dev.synin.security.session;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A signed-in browser. The cookie holds the random session id; this row holds only its SHA-256. */
@Entity
@Table(name = "user_session")
public class UserSession extends PanacheEntityBase {

    @Id
    @Column(name = "id_hash")
    public String idHash;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    /** The account in users mode; {@code null} in token mode. */
    @Column(name = "user_id")
    public Long userId;

    /** Token mode: which token opened the session (a slow hash of it). */
    public String credential;

    /** Oidc mode: the ID token the session was opened with, the {@code id_token_hint} of the provider's logout. */
    @Column(name = "id_token")
    public String idToken;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen", nullable = false)
    public Instant lastSeen;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    public static long deleteExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }

    public static long deleteByHash(String idHash) {
        return delete("idHash", idHash);
    }

    public static java.util.Optional<UserSession> findByHash(String idHash) {
        return findByIdOptional(idHash);
    }
}
