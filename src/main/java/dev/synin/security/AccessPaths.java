package dev.synin.security;

/**
 * Names of the sign-in paths, which paths are static files (no session lookup), and which are API paths (401) rather
 * than pages (redirect to /login). Which paths are open without signing in is configuration:
 * {@code quarkus.http.auth.permission.open} in application.properties.
 */
public final class AccessPaths {

    public static final String LOGIN = "/login";
    public static final String LOGOUT = "/logout";

    private AccessPaths() {
    }

    public static boolean isStaticAsset(String path) {
        return path.startsWith("/css/") || path.startsWith("/static/") || path.startsWith("/img/") || path.startsWith("/favicon");
    }

    public static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }
}
