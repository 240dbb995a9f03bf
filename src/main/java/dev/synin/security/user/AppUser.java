package dev.synin.security.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/**
 * An account of users mode, or of oidc mode (created at its first sign-in, no password, found by issuer and subject).
 * Its conversations are owned by {@code user:<id>} in both modes; ids are never reused.
 */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String username;

    /** bcrypt in Modular Crypt Format; {@code null} for an account of an OpenID Connect provider. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(nullable = false)
    public String role;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Oidc mode: the provider's issuer and its {@code sub} for this user, together the account's identity there. */
    @Column(name = "oidc_issuer")
    public String oidcIssuer;

    @Column(name = "oidc_subject")
    public String oidcSubject;

    /** Oidc mode: what the provider calls the user, refreshed at every sign-in. */
    @Column(name = "display_name")
    public String displayName;

    public String ownerId() {
        return ownerIdOf(id);
    }

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    public static String ownerIdOf(long userId) {
        return "user:" + userId;
    }

    public static Optional<AppUser> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public static Optional<AppUser> findByProviderSubject(String issuer, String subject) {
        return find("oidcIssuer = ?1 and oidcSubject = ?2", issuer, subject).firstResultOptional();
    }

    public static List<AppUser> listByName() {
        return listAll(Sort.ascending("username"));
    }
}
