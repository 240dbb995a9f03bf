package dev.synin.ops.embedded;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for the embedded PostgreSQL, apart from doing anything: it may start only when the JDBC URL is Synin's
 * built-in default (from the application.properties inside the application, so nobody configured one), the setting
 * {@code SYNIN_EMBEDDED_DATABASE} is {@code auto}, Synin is not on Kubernetes and not a native executable; and it
 * starts only when nothing answers at the address of that default URL.
 */
public final class EmbeddedDatabasePlan {

    /** The ordinal of the application.properties packaged with Synin; every place a user configures is higher. */
    static final int BUILT_IN_ORDINAL = 250;

    private static final Pattern LOCAL_URL = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?/]+)(\\?.*)?");

    /** Host, port and database of a JDBC URL. */
    public record Target(String host, int port, String database) {

        String address() {
            return host + ":" + port;
        }
    }

    private EmbeddedDatabasePlan() {
    }

    /**
     * Why the embedded database is out of the question, or empty when it may start (if nothing answers at the URL).
     *
     * @param urlOrdinal the ordinal of the config source the JDBC URL came from
     */
    public static Optional<String> whyNot(String mode, String url, int urlOrdinal, boolean kubernetes, boolean nativeImage) {
        String setting = mode == null ? "auto" : mode.trim().toLowerCase();
        if (setting.equals("off") || setting.equals("false")) {
            return Optional.of("SYNIN_EMBEDDED_DATABASE=off");
        }
        if (!setting.equals("auto") && !setting.isEmpty()) {
            return Optional.of("SYNIN_EMBEDDED_DATABASE=" + mode + " is neither auto nor off");
        }
        if (url == null || url.isBlank()) {
            return Optional.of("no JDBC URL (Dev Services or another datasource provider is in charge)");
        }
        if (urlOrdinal > BUILT_IN_ORDINAL) {
            return Optional.of("the JDBC URL is configured explicitly");
        }
        if (kubernetes) {
            return Optional.of("Synin runs on Kubernetes, which must use its own PostgreSQL");
        }
        if (nativeImage) {
            return Optional.of("the native executable carries no PostgreSQL programs");
        }
        if (parse(url).isEmpty()) {
            return Optional.of("the JDBC URL " + url + " names no host, port and database");
        }
        return Optional.empty();
    }

    /** Host, port (5432 if none) and database of a PostgreSQL JDBC URL. */
    public static Optional<Target> parse(String url) {
        Matcher matcher = LOCAL_URL.matcher(url == null ? "" : url);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
        return Optional.of(new Target(matcher.group(1), port, matcher.group(3)));
    }

    /**
     * The one command that lets Synin have a database on this system when it runs as root (where PostgreSQL refuses
     * to run and no user namespace can hide that).
     */
    public static String rootFix(Map<String, String> env, boolean debian, String address) {
        String sudoUser = env.get("SUDO_USER");
        if (sudoUser != null && !sudoUser.isBlank() && !sudoUser.equals("root")) {
            return "Run Synin as " + sudoUser + " instead, without sudo: the embedded PostgreSQL then starts by itself.";
        }
        if (debian) {
            // Debian's server lets nobody in over TCP without a password; Synin's zero-config login needs trust on
            // the loopback addresses, as the README describes. Synin connects within seconds once the server answers.
            return "Install a PostgreSQL server for Synin (Debian/Ubuntu; Synin connects to it at " + address
                    + " within seconds, no restart needed):\n    apt-get install -y postgresql"
                    + " && sed -i -E 's/^(host[[:space:]]+all[[:space:]]+all[[:space:]]+(127\\.0\\.0\\.1\\/32|::1\\/128)[[:space:]]+)\\S+/\\1trust/'"
                    + " /etc/postgresql/*/main/pg_hba.conf"
                    + " && pg_ctlcluster --skip-systemctl-redirect \"$(ls /etc/postgresql | head -n 1)\" main restart";
        }
        return "Run Synin as an ordinary user (not root): the embedded PostgreSQL then starts by itself. "
                + "Or point it at a PostgreSQL server with QUARKUS_DATASOURCE_JDBC_URL.";
    }
}
