package dev.synin.security.user;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.synin.conversation.Conversation;
import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The accounts of users mode: bcrypt-hashed passwords, usernames compared in lower case. Reads run in a transaction
 * too: they are also called at start-up and from identity providers, where no request context is active.
 */
@ApplicationScoped
@Transactional
public class UserService {

    public static final int MIN_PASSWORD_LENGTH = 8;
    /** bcrypt reads only the first 72 bytes; longer passwords would be silently cut, so they are refused. */
    public static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    /** Checked when the username is unknown, so a miss takes as long as a wrong password (no user enumeration). */
    private static final String NO_SUCH_USER_HASH = BcryptUtil.bcryptHash("no such user: timing equaliser");

    /** An account as the admin API shows it: never its hash. */
    @RegisterForReflection
    public record UserView(String username, String role, Instant createdAt) {
        static UserView of(AppUser user) {
            return new UserView(user.username, user.role, user.createdAt);
        }
    }

    /** An account's defaults for new chats; null fields are not set. {@code updatedAt} is null until first saved. */
    @RegisterForReflection
    public record ChatDefaults(String model, Double temperature, Integer maxTokens, String systemPrompt, Instant updatedAt) {
        static ChatDefaults of(UserDefaults stored) {
            return new ChatDefaults(stored.model, stored.temperature, stored.maxTokens, stored.systemPrompt, stored.updatedAt);
        }
    }

    private final int maxTextLength;

    UserService(@ConfigProperty(name = "synin.chat.max-message-length") int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    public ChatDefaults defaults(long userId) {
        return UserDefaults.findByUser(userId).map(ChatDefaults::of).orElse(new ChatDefaults(null, null, null, null, null));
    }

    /** Checked as a chat's settings are; a bad field is a 400 naming it, and nothing is stored then. */
    public ChatDefaults saveDefaults(long userId, ChatDefaults wanted) {
        String model = wanted.model() == null || wanted.model().isBlank() ? null : wanted.model().strip();
        if (model != null && model.length() > 300) {
            throw ApiException.badRequest("model is too long (at most 300 characters)");
        }
        if (wanted.temperature() != null && !(wanted.temperature() >= 0 && wanted.temperature() <= 2)) {
            throw ApiException.badRequest("temperature must be between 0 and 2");
        }
        if (wanted.maxTokens() != null && wanted.maxTokens() < 1) {
            throw ApiException.badRequest("maxTokens must be at least 1");
        }
        if (wanted.systemPrompt() != null && wanted.systemPrompt().length() > maxTextLength) {
            throw ApiException.badRequest("systemPrompt is too long (at most " + maxTextLength + " characters)");
        }
        if (wanted.updatedAt() != null) {
            throw ApiException.badRequest("updatedAt is set by Synin; leave it out.");
        }
        UserDefaults stored = UserDefaults.findByUser(userId).orElseGet(() -> {
            UserDefaults created = new UserDefaults();
            created.userId = userId;
            return created;
        });
        stored.model = model;
        stored.temperature = wanted.temperature();
        stored.maxTokens = wanted.maxTokens();
        stored.systemPrompt = wanted.systemPrompt() == null || wanted.systemPrompt().isEmpty() ? null : wanted.systemPrompt();
        stored.updatedAt = Instant.now();
        stored.persist();
        return ChatDefaults.of(stored);
    }

    public List<UserView> list() {
        return AppUser.listByName().stream().map(UserView::of).toList();
    }

    public UserView add(String username, String password, boolean admin) {
        String name = normalise(username)
                .orElseThrow(() -> ApiException.badRequest("A username is 1 to 64 of a-z, 0-9, '.', '_', '@' and '-', starting with a letter or digit."));
        requireStrong(password);
        if (AppUser.findByUsername(name).isPresent()) {
            throw new ApiException(ErrorCode.CONFLICT, "There is already a user named \"" + name + "\".");
        }
        AppUser user = new AppUser();
        user.username = name;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.role = admin ? AppUser.ADMIN : AppUser.USER;
        user.createdAt = Instant.now();
        user.persist();
        return UserView.of(user);
    }

    /** Removes the account, its sessions (by cascade) and its conversations; an admin cannot remove themselves. */
    public void remove(String username, String removedBy) {
        AppUser user = normalise(username).flatMap(AppUser::findByUsername)
                .orElseThrow(() -> ApiException.notFound("There is no user named \"" + username + "\"."));
        if (user.username.equals(removedBy)) {
            throw new ApiException(ErrorCode.CONFLICT, "You cannot remove your own account.");
        }
        // Conversations of a removed account could never be seen again (ids are not reused); their messages cascade.
        Conversation.delete("ownerId", user.ownerId());
        user.delete();
    }

    /** The account whose password this is, taking as long whether or not the username exists. */
    public Optional<AppUser> verify(String username, String password) {
        if (password == null || password.length() > 1024) {
            return Optional.empty();
        }
        Optional<AppUser> user = normalise(username).flatMap(AppUser::findByUsername);
        // An account of an OpenID Connect provider has no password: it takes as long and never matches.
        String hash = user.map(found -> found.passwordHash).orElse(null);
        boolean matches = BcryptUtil.matches(password, hash == null ? NO_SUCH_USER_HASH : hash);
        return matches && hash != null ? user : Optional.empty();
    }

    /**
     * Oidc mode: the account of this provider's subject, created at its first sign-in. Its name is derived from what
     * the provider calls the user (made unique with a number when taken); its role follows the provider's admin claim
     * at every sign-in, and so does its display name.
     */
    public AppUser signInFromProvider(String issuer, String subject, String displayName, boolean admin) {
        AppUser user = AppUser.findByProviderSubject(issuer, subject).orElseGet(() -> {
            AppUser created = new AppUser();
            created.oidcIssuer = issuer;
            created.oidcSubject = subject;
            created.username = freeUsername(displayName);
            created.createdAt = Instant.now();
            return created;
        });
        user.displayName = displayName.length() > 200 ? displayName.substring(0, 200) : displayName;
        user.role = admin ? AppUser.ADMIN : AppUser.USER;
        user.persist();
        return user;
    }

    /** A valid, unused username as close to the given name as the rules allow: "Jane Doe" is jane-doe, then jane-doe-2... */
    private static String freeUsername(String name) {
        String base = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._@-]+", "-").replaceAll("^[^a-z0-9]+", "");
        base = base.isEmpty() ? "user" : base.substring(0, Math.min(base.length(), 56));
        String candidate = base;
        for (int n = 2; AppUser.findByUsername(candidate).isPresent(); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    /** Creates the first admin when there is no account at all; says whether it did. */
    public boolean seedAdminIfNoUser(String username, String password) {
        if (AppUser.count() > 0) {
            return false;
        }
        add(username, password, true);
        return true;
    }

    public static Optional<String> normalise(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        return USERNAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    static void requireStrong(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw ApiException.badRequest("A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.badRequest("A password can be at most " + MAX_PASSWORD_BYTES + " bytes long (a bcrypt limit).");
        }
    }
}
