package dev.synin.security.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.synin.error.ApiException;
import dev.synin.ops.SchemaReady;
import dev.synin.security.AuthConfig;
import dev.synin.security.AuthSecrets;
import io.quarkus.logging.Log;

/**
 * Users mode starts with one admin from {@code SYNIN_ADMIN_USERNAME} / {@code SYNIN_ADMIN_PASSWORD}, created as soon as
 * the schema is ready and only while no account exists. Later changes to those variables change nothing.
 */
@ApplicationScoped
class AdminSeeder {

    private final AuthConfig config;
    private final AuthSecrets secrets;
    private final UserService users;

    AdminSeeder(AuthConfig config, AuthSecrets secrets, UserService users) {
        this.config = config;
        this.secrets = secrets;
        this.users = users;
    }

    void seed(@Observes SchemaReady ready) {
        if (config.mode() != AuthConfig.Mode.USERS) {
            return;
        }
        try {
            if (config.adminUsername().isEmpty() || secrets.adminPassword().isEmpty()) {
                if (users.list().isEmpty()) {
                    Log.error("SYNIN_AUTH_MODE=users but there is no account and no first admin: set SYNIN_ADMIN_USERNAME and "
                            + "SYNIN_ADMIN_PASSWORD and restart, or nobody can sign in.");
                }
                return;
            }
            if (users.seedAdminIfNoUser(config.adminUsername().get(), secrets.adminPassword().get())) {
                Log.infof("Created the first admin account \"%s\" from SYNIN_ADMIN_USERNAME.", config.adminUsername().get());
            }
        } catch (ApiException invalid) {
            // The message says what is wrong with the name or password without repeating the password.
            Log.errorf("Cannot create the first admin from SYNIN_ADMIN_USERNAME/SYNIN_ADMIN_PASSWORD: %s", invalid.getMessage());
        } catch (RuntimeException e) {
            // Another replica may have seeded at the same moment (unique username); anything else is worth a line.
            Log.warnf("Could not create the first admin account: %s", e.getMessage());
        }
    }
}
