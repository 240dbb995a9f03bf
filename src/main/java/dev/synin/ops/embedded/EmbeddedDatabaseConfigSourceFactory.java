package dev.synin.ops.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * Decides, while Synin's runtime configuration is built (before the datasource, Hibernate or Flyway read it), whether
 * the embedded PostgreSQL is needed, starts it if so, and then supplies the datasource URL and login of that server.
 * What happened is published as {@code synin.embedded.status} and {@code synin.embedded.message}, which
 * {@link EmbeddedDatabaseReport} logs once Synin has started. Registered in
 * {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}; not {@code @StaticInitSafe}, so it runs at runtime only.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String STATUS = "synin.embedded.status";
    static final String MESSAGE = "synin.embedded.message";
    /** Above every user-facing source: reached only when nobody configured a URL, so these describe the server Synin runs. */
    private static final int ORDINAL = 500;
    private static final String URL = "quarkus.datasource.jdbc.url";
    private static final String USERNAME = "quarkus.datasource.username";
    private static final String PASSWORD = "quarkus.datasource.password";

    /** What became of the embedded database. */
    enum Status {
        /** Not considered (configured URL, SYNIN_EMBEDDED_DATABASE=off, Kubernetes, native). */
        NOT_USED,
        /** A PostgreSQL answers at the built-in URL's address: Synin uses it, as without this feature. */
        EXISTING_SERVER,
        STARTED,
        FAILED
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue(URL);
        String urlValue = url == null ? null : url.getValue();
        int urlOrdinal = url == null ? Integer.MAX_VALUE : url.getConfigSourceOrdinal();
        Optional<String> whyNot = EmbeddedDatabasePlan.whyNot(value(context, "synin.embedded-database"), urlValue, urlOrdinal,
                System.getenv("KUBERNETES_SERVICE_HOST") != null, ImageMode.current() == ImageMode.NATIVE_RUN);
        if (whyNot.isPresent()) {
            return outcome(context, Status.NOT_USED, "The embedded PostgreSQL is not used: " + whyNot.get() + ".", Map.of());
        }
        EmbeddedDatabasePlan.Target target = EmbeddedDatabasePlan.parse(urlValue).orElseThrow();
        if (answers(target)) {
            return outcome(context, Status.EXISTING_SERVER, "A PostgreSQL server answers at " + target.address()
                    + ": Synin uses it (database " + target.database() + "), not its embedded one.", Map.of());
        }
        DataDirectory data = DataDirectory.resolve(value(context, "synin.data-dir"), System.getenv(),
                System.getProperty("os.name"), System.getProperty("user.home"));
        if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
            return outcome(context, Status.FAILED, "Nothing answers at " + target.address()
                    + " and Synin cannot start its embedded PostgreSQL: Synin runs as root, PostgreSQL refuses to run as root,"
                    + " and this system does not let Synin run it in a user namespace (unshare -U). Synin runs without a"
                    + " database until one answers at " + target.address() + " (the API answers 503 database_unavailable). "
                    + EmbeddedDatabasePlan.rootFix(System.getenv(), Files.exists(Path.of("/etc/debian_version")),
                            target.address()),
                    Map.of());
        }
        try {
            boolean devOrTest = LaunchMode.current() != LaunchMode.NORMAL;
            EmbeddedPostgresServer.Running server = EmbeddedPostgresServer.startOrReuse(data, target.database(), devOrTest);
            int port = server.port();
            String embeddedUrl = "jdbc:postgresql://localhost:" + port + "/" + target.database();
            return outcome(context, Status.STARTED, "Nothing answers at " + target.address()
                    + ", so Synin runs its own embedded PostgreSQL (localhost:" + port + ", database " + target.database()
                    + "), which stops with Synin. Its data lives in " + data.cluster() + " (server log: " + data.serverLog()
                    + "; set SYNIN_DATA_DIR to move it). This is for one person on one machine: for anything more, point"
                    + " Synin at a real PostgreSQL server with QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and"
                    + " QUARKUS_DATASOURCE_PASSWORD (SYNIN_EMBEDDED_DATABASE=off turns the embedded one off).",
                    Map.of(URL, embeddedUrl, USERNAME, "postgres", PASSWORD, server.password()));
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            return outcome(context, Status.FAILED, "Nothing answers at " + target.address()
                    + " and Synin could not start its embedded PostgreSQL in " + data.cluster() + ": " + rootMessage(e)
                    + " (server log: " + data.serverLog() + "). Synin runs without a database until one answers at "
                    + target.address() + ", or set QUARKUS_DATASOURCE_JDBC_URL to a PostgreSQL server.", Map.of());
        }
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The config source: the outcome, and the datasource settings under their plain and active-profile names. */
    private static List<ConfigSource> outcome(ConfigSourceContext context, Status status, String message,
            Map<String, String> datasource) {
        Map<String, String> properties = new HashMap<>();
        properties.put(STATUS, status.name());
        properties.put(MESSAGE, message);
        datasource.forEach((name, value) -> {
            properties.put(name, value);
            // A "%dev." line of application.properties must not win over the server Synin actually runs.
            for (String profile : context.getProfiles()) {
                properties.put("%" + profile + "." + name, value);
            }
        });
        return List.of(new PropertiesConfigSource(properties, "SyninEmbeddedDatabase", ORDINAL));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    /** Whether something accepts TCP connections at the address (any of its IPv4/IPv6 addresses). */
    private static boolean answers(EmbeddedDatabasePlan.Target target) {
        try {
            for (InetAddress address : InetAddress.getAllByName(target.host())) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, target.port()), 1000);
                    return true;
                } catch (IOException refused) {
                    // try the next address
                }
            }
        } catch (IOException unknownHost) {
            return false;
        }
        return false;
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException noProc) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root.getMessage() == null || root instanceof java.nio.file.FileSystemException) {
            // "AccessDeniedException: /home/ann/.local/share" says more than the bare path the message holds
            return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        return root.getMessage();
    }
}
