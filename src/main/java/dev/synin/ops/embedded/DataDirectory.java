package dev.synin.ops.embedded;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Synin keeps its own files on this machine: {@code SYNIN_DATA_DIR} if set, else the platform's place for
 * application data ({@code ~/Library/Application Support/Synin} on macOS, {@code $XDG_DATA_HOME/synin} or
 * {@code ~/.local/share/synin} elsewhere). The embedded PostgreSQL keeps its cluster in {@code postgres/} inside it.
 */
public record DataDirectory(Path root) {

    /** Resolves the directory from an explicit setting (may be null or blank), the environment and system properties. */
    public static DataDirectory resolve(String explicit, Map<String, String> env, String osName, String userHome) {
        if (explicit != null && !explicit.isBlank()) {
            return new DataDirectory(Path.of(explicit).toAbsolutePath());
        }
        // $HOME first, as every other program does: the JVM's user.home comes from the password database.
        String homeVariable = env.get("HOME");
        Path home = Path.of(homeVariable != null && !homeVariable.isBlank() ? homeVariable : userHome);
        if (osName.toLowerCase().startsWith("mac")) {
            return new DataDirectory(home.resolve("Library").resolve("Application Support").resolve("Synin"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return new DataDirectory(Path.of(xdg).resolve("synin"));
        }
        return new DataDirectory(home.resolve(".local").resolve("share").resolve("synin"));
    }

    /** The PostgreSQL cluster (what initdb creates). */
    public Path cluster() {
        return root.resolve("postgres");
    }

    /** The PostgreSQL programs, unpacked from the application once per version. */
    public Path binaries() {
        return root.resolve("postgres-binaries");
    }

    /** The password of the cluster's {@code postgres} role, readable by its owner only. */
    public Path password() {
        return root.resolve("postgres.password");
    }

    /** The server's own output (initdb, start, stop, errors). */
    public Path serverLog() {
        return root.resolve("postgres.log");
    }
}
