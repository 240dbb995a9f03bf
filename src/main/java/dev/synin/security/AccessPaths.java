package dev.synin.security;

import io.quarkus.runtime.LaunchMode;

/** Which paths are open without signing in, and which are API paths (401) rather than pages (redirect to /login). */
public final class AccessPaths {

    public static final String LOGIN = "/login";
    public static final String LOGOUT = "/logout";

    private AccessPaths() {
    }

    /** Paths take Vert.x's normalised form, so {@code /css/../api/x} is {@code /api/x} here. */
    public static boolean isOpen(String path) {
        return path.equals(LOGIN) || path.equals(LOGOUT) || isStaticAsset(path)
                || LaunchMode.current() == LaunchMode.DEVELOPMENT && path.startsWith("/q/dev");
    }

    public static boolean isStaticAsset(String path) {
        return path.startsWith("/css/") || path.startsWith("/static/") || path.startsWith("/img/") || path.startsWith("/favicon");
    }

    public static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }
}
