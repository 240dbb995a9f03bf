package dev.synin.security.user;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An account's defaults for new chats (users and oidc modes), kept on the server so they follow the user to every device. */
@Entity
@Table(name = "user_defaults")
public class UserDefaults extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public Long userId;

    public String model;

    public Double temperature;

    @Column(name = "max_tokens")
    public Integer maxTokens;

    @Column(name = "system_prompt")
    public String systemPrompt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<UserDefaults> findByUser(long userId) {
        return findByIdOptional(userId);
    }
}
