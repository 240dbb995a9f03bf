package dev.synin.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real OpenID Connect provider for a {@code @QuarkusTest}: panva's certified {@code oidc-provider} on Node.js
 * (src/test/resources/oidc-provider/provider.mjs), installed with {@code npm ci} into target/oidc-provider the first
 * time, and points Synin at it. Synin gets a fixed port, since the provider must know its redirect URI in advance.
 * Needs {@code node} and {@code npm} on the PATH (.ci/run installs them).
 */
public class OidcProviderResource implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "synin-test";
    /** With {@code $$} and <code>${</code>: the client secret is read verbatim, like Synin's other secrets. */
    public static final String CLIENT_SECRET = "client-$$ecret-${not-an-expression}";
    /** Every login name at the test provider signs in with this password. */
    public static final String PASSWORD = "provider-password";

    /** Marks a {@link URI} field of a test to receive the provider's issuer. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectIssuer {
    }

    private static final Path HOME = Path.of("target", "oidc-provider");
    private Process node;
    private URI issuer;

    @Override
    public Map<String, String> start() {
        install();
        int syninPort = freePort();
        int providerPort = freePort();
        issuer = URI.create("http://localhost:" + providerPort);
        String synin = "http://localhost:" + syninPort;
        ProcessBuilder builder = new ProcessBuilder("node", "provider.mjs").directory(HOME.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("PORT", String.valueOf(providerPort), "PASSWORD", PASSWORD, "CLIENT_ID", CLIENT_ID,
                "CLIENT_SECRET", CLIENT_SECRET, "REDIRECT_URIS", synin + "/login/oidc/callback,https://chat.example.com/login/oidc/callback",
                "POST_LOGOUT_REDIRECT_URIS", synin + "/login"));
        try {
            node = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start node (is Node.js installed?)", e);
        }
        awaitReady();
        return Map.of("quarkus.http.test-port", String.valueOf(syninPort),
                "synin.oidc.issuer", issuer.toString(),
                "synin.oidc.client-id", CLIENT_ID,
                "synin.oidc-client-secret", CLIENT_SECRET);
    }

    /**
     * {@code npm ci} once per build directory and lock file: node_modules lands in target/, never in the sources.
     * oidc-provider 8 because it runs on Node.js 18 (Debian 12's), which 9 does not.
     */
    private static void install() {
        Path sources = Path.of("src", "test", "resources", "oidc-provider");
        try {
            Files.createDirectories(HOME);
            for (String file : List.of("package.json", "package-lock.json", "provider.mjs")) {
                Files.copy(sources.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Path installed = HOME.resolve("node_modules").resolve(".synin-installed-lock");
            byte[] lock = Files.readAllBytes(HOME.resolve("package-lock.json"));
            if (Files.exists(installed) && java.util.Arrays.equals(Files.readAllBytes(installed), lock)) {
                return;
            }
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(HOME.toFile()).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci of the test OpenID provider failed:\n" + output);
            }
            Files.write(installed, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the test OpenID provider (are Node.js and npm installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the provider's "ready" line; its output goes on to the test log. */
    private void awaitReady() {
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null;) {
                    System.out.println("[oidc-provider] " + line);
                    if (line.contains("oidc-provider ready")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "oidc-provider-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.await(60, TimeUnit.SECONDS)) {
                stop();
                throw new IllegalStateException("The test OpenID provider did not start within 60 s (see [oidc-provider] lines)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(issuer, new TestInjector.AnnotatedAndMatchesType(InjectIssuer.class, URI.class));
    }

    @Override
    public void stop() {
        if (node != null) {
            node.destroy();
            try {
                if (!node.waitFor(10, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.destroyForcibly();
            }
        }
    }
}
