package dev.synin.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Synin prepares its database. Env: {@code SYNIN_DATABASE_CREATE_IF_MISSING}, {@code SYNIN_DATABASE_RETRY_EVERY}. */
@ConfigMapping(prefix = "synin.database")
public interface DatabaseConfig {

    /** Create the database named in the JDBC URL when the server lacks it (needs the CREATEDB privilege). */
    @WithDefault("true")
    boolean createIfMissing();

    /** While PostgreSQL is unreachable at start, how often to try again. */
    @WithDefault("5s")
    Duration retryEvery();
}
