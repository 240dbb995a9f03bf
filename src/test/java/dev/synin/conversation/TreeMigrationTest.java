package dev.synin.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migration to the conversation tree (V5) on data written by the schema before it: every conversation becomes
 * one branch, each message following the one before it, and shows its last message.
 */
class TreeMigrationTest {

    private static final String SERVER = "jdbc:postgresql://localhost:5432/";
    private final String database = "synin_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeEach
    void createDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    private Flyway flyway(String target) {
        var config = Flyway.configure().dataSource(SERVER + database, "postgres", "").locations("classpath:db/migration");
        return (target == null ? config : config.target(target)).load();
    }

    @Test
    void shouldTurnEveryExistingConversationIntoOneBranch() throws SQLException {
        flyway("4").migrate();
        try (Connection db = DriverManager.getConnection(SERVER + database, "postgres", ""); Statement sql = db.createStatement()) {
            // As the landed code wrote them: seq orders the turns, nothing links them.
            sql.execute("INSERT INTO conversation (id, owner_id, title, created_at, updated_at) VALUES "
                    + "('00000000-0000-0000-0000-0000000000c1', 'owner', 'Two turns', now(), now()), "
                    + "('00000000-0000-0000-0000-0000000000c2', 'owner', 'Empty', now(), now())");
            String[] roles = { "USER", "ASSISTANT", "USER", "ASSISTANT" };
            for (int seq = 0; seq < roles.length; seq++) {
                sql.execute("INSERT INTO message (id, conversation_id, seq, role, content, status, created_at, updated_at) VALUES "
                        + "('00000000-0000-0000-0000-00000000000" + seq + "', '00000000-0000-0000-0000-0000000000c1', " + seq + ", '"
                        + roles[seq] + "', 'turn " + seq + "', 'COMPLETE', now(), now())");
            }
        }

        flyway(null).migrate();

        try (Connection db = DriverManager.getConnection(SERVER + database, "postgres", ""); Statement sql = db.createStatement()) {
            List<String> links = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT seq, parent_id FROM message ORDER BY seq")) {
                while (rows.next()) {
                    links.add(rows.getInt(1) + "<-" + rows.getString(2));
                }
            }
            assertThat(links).containsExactly("0<-null", "1<-00000000-0000-0000-0000-000000000000",
                    "2<-00000000-0000-0000-0000-000000000001", "3<-00000000-0000-0000-0000-000000000002");
            try (ResultSet rows = sql.executeQuery("SELECT title, current_leaf_id FROM conversation ORDER BY title DESC")) {
                rows.next();
                assertThat(rows.getString(2)).as("Two turns shows its last message").isEqualTo("00000000-0000-0000-0000-000000000003");
                rows.next();
                assertThat(rows.getString(2)).as("an empty conversation has no branch").isNull();
            }
            sql.execute("DELETE FROM conversation");
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM message")) {
                rows.next();
                assertThat(rows.getInt(1)).as("deleting a conversation still deletes its messages").isZero();
            }
        }
    }
}
