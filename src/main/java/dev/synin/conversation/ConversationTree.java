package dev.synin.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The messages of one conversation as the tree they form, over any representation of a message (entities for the
 * API, projections for a chat turn). A branch is the path from a root to a leaf; siblings are the versions of one
 * message (answers to the same question, edits of one question), oldest first.
 */
public final class ConversationTree<T> {

    /** What the tree needs to know of a message. */
    public record Node(UUID id, UUID parentId, int seq, Instant visitedAt) {
    }

    private final Map<UUID, T> messages = new LinkedHashMap<>();
    private final Map<UUID, Node> nodes = new HashMap<>();
    /** Children by parent id, in order of creation; the roots under {@code null}. */
    private final Map<UUID, List<UUID>> children = new HashMap<>();

    private ConversationTree() {
    }

    /** @param ordered the messages in order of creation ({@code seq}) */
    public static <T> ConversationTree<T> of(List<T> ordered, Function<T, Node> node) {
        ConversationTree<T> tree = new ConversationTree<>();
        List<Node> inOrder = new ArrayList<>(ordered.size());
        for (T message : ordered) {
            Node n = node.apply(message);
            tree.messages.put(n.id(), message);
            tree.nodes.put(n.id(), n);
            inOrder.add(n);
        }
        for (Node n : inOrder) {
            // A parent that is not there (it cannot be, but a broken row must not hide a message) makes a root.
            UUID parent = n.parentId() != null && tree.nodes.containsKey(n.parentId()) ? n.parentId() : null;
            tree.children.computeIfAbsent(parent, ignored -> new ArrayList<>()).add(n.id());
        }
        return tree;
    }

    public Optional<T> get(UUID id) {
        return Optional.ofNullable(id == null ? null : messages.get(id));
    }

    public boolean contains(UUID id) {
        return id != null && messages.containsKey(id);
    }

    /** The branch from the root to {@code id}, inclusive; empty for {@code null} or an unknown id. */
    public List<T> pathTo(UUID id) {
        List<T> path = new ArrayList<>();
        UUID at = contains(id) ? id : null;
        while (at != null) {
            path.add(messages.get(at));
            UUID parent = nodes.get(at).parentId();
            at = contains(parent) ? parent : null;
        }
        Collections.reverse(path);
        return path;
    }

    /** The versions of this message: its parent's children (or the roots), oldest first, itself included. */
    public List<UUID> siblingIds(UUID id) {
        Node node = nodes.get(id);
        if (node == null) {
            return List.of();
        }
        UUID parent = contains(node.parentId()) ? node.parentId() : null;
        return List.copyOf(children.getOrDefault(parent, List.of()));
    }

    public List<UUID> childIds(UUID id) {
        return List.copyOf(children.getOrDefault(id, List.of()));
    }

    /**
     * The leaf of the branch through {@code id} that was shown last: the most recently visited message at or below
     * it, followed down by the newest child. For {@code null}, the same over the whole tree.
     */
    public UUID leafBelow(UUID id) {
        if (id != null && !contains(id)) {
            return null;
        }
        UUID best = id;
        Instant bestVisit = id == null ? null : nodes.get(id).visitedAt();
        List<UUID> pending = new ArrayList<>(id == null ? children.getOrDefault(null, List.of()) : childIds(id));
        while (!pending.isEmpty()) {
            UUID at = pending.remove(pending.size() - 1);
            Instant visited = nodes.get(at).visitedAt();
            if (visited != null && (bestVisit == null || visited.isAfter(bestVisit))) {
                best = at;
                bestVisit = visited;
            }
            pending.addAll(children.getOrDefault(at, List.of()));
        }
        UUID leaf = best;
        List<UUID> below = children.getOrDefault(leaf, List.of());
        while (!below.isEmpty()) {
            leaf = below.get(below.size() - 1);
            below = children.getOrDefault(leaf, List.of());
        }
        return leaf;
    }

    /** The leaf the conversation shows: its stored current leaf while that exists, otherwise the last one visited. */
    public UUID currentLeaf(UUID stored) {
        if (contains(stored)) {
            return stored;
        }
        return leafBelow(null);
    }
}
