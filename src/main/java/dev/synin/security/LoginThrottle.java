package dev.synin.security;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Slows down password and token guessing: a client address that failed {@code SYNIN_AUTH_LOGIN_MAX_FAILURES} times
 * within {@code SYNIN_AUTH_LOGIN_FAILURE_WINDOW} is refused until that window ends, even with the right secret.
 * Per process and in memory: enough to make guessing hopeless, and it needs nothing else running.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int MAX_TRACKED = 10_000;

    private record Window(long startNanos, int failures) {
    }

    private final AuthConfig config;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    LoginThrottle(AuthConfig config) {
        this.config = config;
    }

    /** 0 when the address may try; otherwise how many seconds until it may. */
    public long retryAfterSeconds(String address) {
        Window window = windows.get(address);
        if (window == null || window.failures() < config.loginMaxFailures()) {
            return 0;
        }
        long left = window.startNanos() + config.loginFailureWindow().toNanos() - System.nanoTime();
        if (left <= 0) {
            windows.remove(address, window);
            return 0;
        }
        return Math.max(1, Duration.ofNanos(left).toSeconds());
    }

    public void recordFailure(String address) {
        if (windows.size() >= MAX_TRACKED) {
            forgetExpired();
        }
        long now = System.nanoTime();
        long length = config.loginFailureWindow().toNanos();
        windows.compute(address, (key, window) -> window == null || now - window.startNanos() > length
                ? new Window(now, 1) : new Window(window.startNanos(), window.failures() + 1));
    }

    private void forgetExpired() {
        long now = System.nanoTime();
        long length = config.loginFailureWindow().toNanos();
        windows.values().removeIf(window -> now - window.startNanos() > length);
        if (windows.size() >= MAX_TRACKED) {
            // A flood from very many addresses: start counting afresh rather than grow without bound.
            windows.clear();
        }
    }
}
