-- Messages form a tree: Regenerate adds a sibling answer, Edit a sibling question, and nothing is deleted but by
-- Delete or Clear. A conversation shows (and sends upstream) one branch: the path from the root to current_leaf_id.
-- visited_at says when a message was last the current leaf, so that switching to another version of a message
-- returns to the branch below it that was seen last. seq stays the order of creation within the conversation.
ALTER TABLE message ADD COLUMN parent_id UUID REFERENCES message (id) ON DELETE CASCADE;
ALTER TABLE message ADD COLUMN visited_at TIMESTAMPTZ;
-- No foreign key: the conversation's row and its messages are deleted together, and Clear resets it itself.
ALTER TABLE conversation ADD COLUMN current_leaf_id UUID;

-- Every conversation written so far is a single branch: each message's parent is the one before it.
UPDATE message m SET parent_id = previous.id
FROM (SELECT id, LAG(id) OVER (PARTITION BY conversation_id ORDER BY seq) AS previous_id FROM message) ordered
JOIN message previous ON previous.id = ordered.previous_id
WHERE m.id = ordered.id;

UPDATE conversation c SET current_leaf_id = last.id
FROM (SELECT DISTINCT ON (conversation_id) conversation_id, id FROM message ORDER BY conversation_id, seq DESC) last
WHERE c.id = last.conversation_id;

UPDATE message m SET visited_at = m.updated_at FROM conversation c WHERE c.current_leaf_id = m.id;

CREATE INDEX message_parent ON message (parent_id);
