package dev.synin.deploy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The environment variables Synin is deployed with, one line each: k8s/ and docker/compose.yaml must set
 * every one of them and nothing else. Adding a variable is one line here (plus its line in
 * k8s/base/configmap.yaml or secret.yaml, and in docker/compose.yaml).
 *
 * <p>{@code planned(...)} marks a variable the deployment already sets but the application does not read yet
 * (its feature or extension is not merged). The tests insist that it stays unread: once the application reads it,
 * they fail and ask for the {@code planned} to be removed, so this list never claims more than is true.
 */
final class AppEnvVars {

    /** Where a variable lives on Kubernetes. */
    enum Kind {
        /** k8s/base/configmap.yaml */
        SETTING,
        /** k8s/base/secret.yaml (and the prod overlay's secrets.env) */
        SECRET,
        /** the Secret CloudNativePG generates for the cluster, mapped in k8s/base/deployment.yaml */
        DATABASE_LOGIN
    }

    record EnvVar(String name, Kind kind, String plannedBecause) {

        boolean isPlanned() {
            return plannedBecause != null;
        }

        EnvVar planned(String because) {
            return new EnvVar(name, kind, because);
        }
    }

    static final List<EnvVar> ALL = List.of(
            setting("LM_STUDIO_BASE_URL"),
            secret("LM_STUDIO_API_KEY"),
            setting("LM_STUDIO_DEFAULT_MODEL"),
            setting("LM_STUDIO_ASSUME_VISION"),
            setting("LM_STUDIO_CONNECT_TIMEOUT"),
            setting("LM_STUDIO_FIRST_TOKEN_TIMEOUT"),
            setting("LM_STUDIO_IDLE_TIMEOUT"),
            setting("LM_STUDIO_REQUEST_TIMEOUT"),
            setting("LM_STUDIO_MODELS_CACHE_TTL"),
            setting("LM_STUDIO_CONTEXT_LENGTHS"),
            setting("LM_STUDIO_ANSWER_RESERVE_TOKENS"),
            setting("LM_STUDIO_MAX_CONCURRENT_GENERATIONS"),
            setting("SYNIN_BREAKER_FAILURES"),
            setting("SYNIN_BREAKER_DELAY_MS"),
            setting("SYNIN_RETRY_MAX"),
            setting("SYNIN_RETRY_DELAY_MS"),
            setting("QUARKUS_DATASOURCE_JDBC_URL"),
            databaseLogin("QUARKUS_DATASOURCE_USERNAME"),
            databaseLogin("QUARKUS_DATASOURCE_PASSWORD"),
            setting("SYNIN_DATABASE_CREATE_IF_MISSING"),
            setting("SYNIN_DATABASE_RETRY_EVERY"),
            setting("SYNIN_EMBEDDED_DATABASE"),
            setting("SYNIN_MAX_BODY_SIZE"),
            setting("SYNIN_IMPORT_MAX_BODY_SIZE"),
            setting("SYNIN_HTTP_BODY_TIMEOUT"),
            setting("SYNIN_CHAT_MAX_MESSAGES"),
            setting("SYNIN_CHAT_MAX_MESSAGE_LENGTH"),
            setting("SYNIN_CHAT_PARTIAL_SAVE_INTERVAL"),
            setting("SYNIN_CHAT_ABANDON_AFTER"),
            setting("SYNIN_CHAT_ANSWER_RETENTION"),
            setting("SYNIN_REPLICAS_BUS"),
            setting("SYNIN_CHAT_LOG_MESSAGE_CONTENTS"),
            setting("SYNIN_TITLES"),
            setting("SYNIN_ATTACHMENT_MAX_BYTES"),
            setting("SYNIN_ATTACHMENTS_PER_MESSAGE"),
            setting("SYNIN_IMAGE_MAX_PIXELS"),
            setting("SYNIN_IMAGE_MAX_EDGE"),
            setting("SYNIN_PDF_MAX_PAGES"),
            setting("SYNIN_ATTACHMENT_MAX_TEXT_CHARS"),
            setting("SYNIN_ATTACHMENT_MAX_UNPACKED_BYTES"),
            setting("SYNIN_ATTACHMENT_UNSENT_TTL"),
            setting("SYNIN_AUTH_MODE"),
            secret("SYNIN_ACCESS_TOKEN"),
            setting("SYNIN_ADMIN_USERNAME"),
            secret("SYNIN_ADMIN_PASSWORD"),
            setting("SYNIN_SESSION_IDLE_TIMEOUT"),
            setting("SYNIN_AUTH_LOGIN_MAX_FAILURES"),
            setting("SYNIN_AUTH_LOGIN_FAILURE_WINDOW"),
            setting("SYNIN_OIDC_ISSUER"),
            setting("SYNIN_OIDC_CLIENT_ID"),
            secret("SYNIN_OIDC_CLIENT_SECRET"),
            setting("SYNIN_OIDC_PROVIDER_NAME"),
            setting("SYNIN_OIDC_SCOPES"),
            setting("SYNIN_OIDC_ADMIN_CLAIM"),
            setting("SYNIN_OIDC_ADMIN_VALUE"),
            setting("SYNIN_PUBLIC_URL"),
            setting("QUARKUS_REDIS_HOSTS"),
            setting("SYNIN_RATE_LIMIT_ENABLED"),
            setting("SYNIN_RATE_LIMIT_STORE"),
            setting("SYNIN_RATE_LIMIT_CHATS_PER_MINUTE"),
            setting("SYNIN_RATE_LIMIT_CONCURRENT_GENERATIONS"),
            setting("QUARKUS_LOG_CONSOLE_JSON_ENABLED"),
            setting("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"),
            setting("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED"),
            setting("QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST"),
            setting("SYNIN_SHUTDOWN_GRACE"));

    static final Map<String, EnvVar> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EnvVar::name, Function.identity()));

    private AppEnvVars() {
    }

    static List<String> names(Kind kind) {
        return ALL.stream().filter(v -> v.kind() == kind).map(EnvVar::name).toList();
    }

    private static EnvVar setting(String name) {
        return new EnvVar(name, Kind.SETTING, null);
    }

    private static EnvVar secret(String name) {
        return new EnvVar(name, Kind.SECRET, null);
    }

    private static EnvVar databaseLogin(String name) {
        return new EnvVar(name, Kind.DATABASE_LOGIN, null);
    }
}
