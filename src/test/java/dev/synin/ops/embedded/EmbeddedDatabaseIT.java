package dev.synin.ops.embedded;

import static dev.synin.testing.Browser.userSays;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.SseClient;

/**
 * The packaged Synin on a machine without a configured database. This machine has a PostgreSQL on 5432, so the
 * embedded path runs with the profile {@code embedded-it}, whose built-in URL points where nothing answers
 * (application.properties); {@code embedded-existing-it} points at the machine's server.
 */
class EmbeddedDatabaseIT {

    private static final Duration FIRST_START = Duration.ofSeconds(120);

    private FakeLmStudio lmStudio;
    private Path temp;

    @BeforeEach
    void start() {
        lmStudio = new FakeLmStudio().start();
        temp = LocalSynin.sharedTempDirectory("synin-embedded-it-");
    }

    @AfterEach
    void stop() {
        lmStudio.stop();
        LocalSynin.delete(temp);
    }

    @Test
    void shouldCreateItsDatabaseInTheUsersDataDirectoryAndFindTheChatAfterARestart() {
        Path home = temp.resolve("home");
        Path cluster = home.resolve(".local/share/synin/postgres");
        Map<String, String> env = Map.of("HOME", home.toString(), "QUARKUS_PROFILE", "embedded-it",
                "LM_STUDIO_BASE_URL", lmStudio.baseUrl());
        mkdirForEverybody(home);

        String id;
        String cookie;
        try (LocalSynin first = LocalSynin.start("embedded-first", true, env)) {
            first.awaitOk("/q/health/ready", FIRST_START);
            assertThat(first.log()).contains("so Synin runs its own embedded PostgreSQL")
                    .contains("Its data lives in " + cluster)
                    .contains("QUARKUS_DATASOURCE_JDBC_URL")
                    .doesNotContain("database \"synin_embedded_it\" does not exist");
            assertThat(cluster.resolve("PG_VERSION")).exists();
            given().baseUri(first.uri().toString()).get("/api/health").then().body("database.status", equalTo("up"));
            assertThatThrownBy(() -> DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + embeddedPort(first.log()) + "/synin_embedded_it", "postgres", ""))
                    .as("the embedded server trusts nobody without its password").isInstanceOf(SQLException.class);

            Browser browser = Browser.fresh(first.uri());
            SseClient answer = browser.stream(userSays("Remember me")).awaitEnd(Duration.ofSeconds(15));
            assertThat(answer.text("delta")).isEqualTo("Hello! How can I help you today?");
            id = answer.named("start").get(0).data().path("conversationId").asText();
            cookie = browser.cookie();
            first.terminate();
        }
        assertThat(cluster.resolve("postmaster.pid")).as("PostgreSQL stopped with Synin").doesNotExist();

        try (LocalSynin second = LocalSynin.start("embedded-second", true, env)) {
            second.awaitOk("/q/health/ready", FIRST_START);
            Browser.withCookie(second.uri(), cookie).api().get("/api/conversations/" + id).then().statusCode(200)
                    .body("messages", hasSize(2)).body("messages[0].content", equalTo("Remember me"));
            second.kill();
        }
        assertThat(cluster.resolve("postmaster.pid")).as("a killed Synin leaves its PostgreSQL running").exists();

        try (LocalSynin third = LocalSynin.start("embedded-after-kill", true, env)) {
            third.awaitOk("/q/health/ready", FIRST_START);
            Browser.withCookie(third.uri(), cookie).api().get("/api/conversations/" + id).then().statusCode(200)
                    .body("messages", hasSize(2));
            third.terminate();
        }
        assertThat(cluster.resolve("postmaster.pid")).doesNotExist();
    }

    private static int embeddedPort(String log) {
        Matcher port = Pattern.compile("embedded PostgreSQL \\(localhost:(\\d+)").matcher(log);
        assertThat(port.find()).as("the log names the embedded server's port").isTrue();
        return Integer.parseInt(port.group(1));
    }

    @Test
    void shouldStartWithoutADatabaseAndSayWhyAndWhatFixesItWhenRunAsRoot() {
        assumeTrue(LocalSynin.isRoot(), "only root meets PostgreSQL's refusal");
        Path home = temp.resolve("root-home");
        Path emptyPath = temp.resolve("no-programs");
        mkdirForEverybody(emptyPath);
        // Without unshare on the PATH, no user namespace can hide root from PostgreSQL (as in many containers).
        Map<String, String> env = Map.of("HOME", home.toString(), "QUARKUS_PROFILE", "embedded-it",
                "LM_STUDIO_BASE_URL", lmStudio.baseUrl(), "PATH", emptyPath.toString());

        try (LocalSynin synin = LocalSynin.start("embedded-root", false, env)) {
            synin.awaitOk("/q/health/live", FIRST_START);
            given().baseUri(synin.uri().toString()).get("/api/health").then().statusCode(200)
                    .body("database.status", equalTo("down"));
            given().baseUri(synin.managementUri().toString()).get("/q/health/ready").then().statusCode(503);
            String log = synin.log();
            assertThat(log).contains("Synin runs as root, PostgreSQL refuses to run as root")
                    .contains("Synin runs without a database until one answers at localhost:1");
            if (Files.exists(Path.of("/etc/debian_version"))) {
                assertThat(log).contains("apt-get install -y postgresql && sed -i -E")
                        .contains("pg_ctlcluster --skip-systemctl-redirect");
            } else {
                assertThat(log).contains("Run Synin as an ordinary user (not root)");
            }
            assertThat(home.resolve(".local/share/synin/postgres")).doesNotExist();
            synin.terminate();
        }
    }

    @Test
    void shouldUseThePostgresqlThatAnswersOnTheBuiltInAddressAndLeaveTheDataDirectoryAlone() throws Exception {
        Path data = temp.resolve("unused-data");
        Map<String, String> env = Map.of("HOME", temp.toString(), "SYNIN_DATA_DIR", data.toString(),
                "QUARKUS_PROFILE", "embedded-existing-it", "LM_STUDIO_BASE_URL", lmStudio.baseUrl());

        try (LocalSynin synin = LocalSynin.start("embedded-existing", true, env)) {
            synin.awaitOk("/q/health/ready", FIRST_START);
            assertThat(synin.log()).contains("A PostgreSQL server answers at localhost:5432: Synin uses it")
                    .doesNotContain("embedded PostgreSQL (");
            String id = Browser.fresh(synin.uri()).stream(userSays("Where am I stored?")).awaitEnd(Duration.ofSeconds(15))
                    .named("start").get(0).data().path("conversationId").asText();
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://localhost:5432/synin_embedded_existing", "postgres", "");
                    PreparedStatement find = connection.prepareStatement("SELECT count(*) FROM conversation WHERE id = ?")) {
                find.setObject(1, UUID.fromString(id));
                try (ResultSet rows = find.executeQuery()) {
                    rows.next();
                    assertThat(rows.getInt(1)).as("the chat is in the machine's PostgreSQL").isEqualTo(1);
                }
            }
            assertThat(data).doesNotExist();
            synin.terminate();
        }
    }

    private static void mkdirForEverybody(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        directory.toFile().setWritable(true, false);
        directory.toFile().setExecutable(true, false);
        directory.toFile().setReadable(true, false);
    }
}
