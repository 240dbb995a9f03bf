package dev.synin.ops.embedded;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.synin.ops.embedded.EmbeddedDatabaseConfigSourceFactory.Status;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Says at start, in plain words, which PostgreSQL Synin uses and why: the embedded one (where its data lives, how to
 * use a real server instead), an existing server, or why the embedded one could not start and what fixes it.
 */
@ApplicationScoped
public class EmbeddedDatabaseReport {

    private final Status status;
    private final String message;

    EmbeddedDatabaseReport(@ConfigProperty(name = EmbeddedDatabaseConfigSourceFactory.STATUS, defaultValue = "NOT_USED") Status status,
            @ConfigProperty(name = EmbeddedDatabaseConfigSourceFactory.MESSAGE, defaultValue = "") String message) {
        this.status = status;
        this.message = message;
    }

    // Before the database bootstrap's own messages, so the first database line of the log says which server it is.
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) {
        switch (status) {
            case STARTED, EXISTING_SERVER -> Log.info(message);
            case FAILED -> Log.error(message);
            case NOT_USED -> Log.debug(message);
        }
    }

    /** Whether Synin runs on its embedded PostgreSQL. */
    public boolean isEmbedded() {
        return status == Status.STARTED;
    }
}
