package dev.synin.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes conversation histories straight into Synin's tables, by copying a conversation that Synin itself created:
 * its row, and its last user/assistant pair repeated to the wanted length. Copying rather than naming every column
 * keeps the seeding right whatever the columns and enum spellings of the schema are.
 */
final class HistorySeeder implements AutoCloseable {

    private final Connection db;

    HistorySeeder(String jdbcUrl) throws SQLException {
        db = DriverManager.getConnection(jdbcUrl, System.getProperty("bench.db.user", "postgres"),
                System.getProperty("bench.db.password", ""));
    }

    /** {@code count} new conversations of the template's owner, each with {@code messages} messages. */
    List<UUID> seed(UUID template, int count, int messages) throws SQLException {
        int userSeq = lastUserAssistantPair(template);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }
        List<String> conversationColumns = columns("conversation");
        List<String> messageColumns = columns("message");
        String conversationValues = values(conversationColumns, Map.of("id", "n.id"));
        String messageValues = values(messageColumns, Map.of("id", "gen_random_uuid()", "conversation_id", "n.id", "seq", "g.s"));
        db.setAutoCommit(false);
        try (PreparedStatement conversations = db.prepareStatement("INSERT INTO conversation (" + String.join(", ", conversationColumns)
                + ") SELECT " + conversationValues + " FROM conversation t, unnest(?::uuid[]) AS n(id) WHERE t.id = ?");
                PreparedStatement history = db.prepareStatement("INSERT INTO message (" + String.join(", ", messageColumns) + ") SELECT "
                        + messageValues + " FROM unnest(?::uuid[]) AS n(id) CROSS JOIN generate_series(0, ? - 1) AS g(s)"
                        + " JOIN message t ON t.conversation_id = ? AND t.seq = ? + g.s % 2")) {
            conversations.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            conversations.setObject(2, template);
            conversations.executeUpdate();
            history.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            history.setInt(2, messages);
            history.setObject(3, template);
            history.setInt(4, userSeq);
            history.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
        return ids;
    }

    /** The template's columns ({@code t.name}), some replaced by an expression. */
    private static String values(List<String> columns, Map<String, String> replaced) {
        return columns.stream().map(c -> replaced.getOrDefault(c, "t." + c)).collect(Collectors.joining(", "));
    }

    private int lastUserAssistantPair(UUID conversation) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT u.seq FROM message u JOIN message a"
                + " ON a.conversation_id = u.conversation_id AND a.seq = u.seq + 1"
                + " WHERE u.conversation_id = ? AND lower(u.role) = 'user' AND lower(a.role) = 'assistant'"
                + " ORDER BY u.seq DESC LIMIT 1")) {
            query.setObject(1, conversation);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("conversation " + conversation + " has no user message followed by an answer");
                }
                return rows.getInt(1);
            }
        }
    }

    private List<String> columns(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
