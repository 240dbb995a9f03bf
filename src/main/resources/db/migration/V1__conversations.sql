-- Conversations belong to one owner: an anonymous browser (owner cookie) or a signed-in user.
CREATE TABLE conversation (
    id            UUID PRIMARY KEY,
    owner_id      VARCHAR(128) NOT NULL,
    title         VARCHAR(200) NOT NULL,
    model         VARCHAR(300),
    temperature   DOUBLE PRECISION,
    max_tokens    INTEGER,
    system_prompt TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX conversation_owner_recent ON conversation (owner_id, updated_at DESC);

CREATE TABLE message (
    id                UUID PRIMARY KEY,
    conversation_id   UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,
    role              VARCHAR(16) NOT NULL,
    content           TEXT NOT NULL,
    reasoning         TEXT,
    status            VARCHAR(16) NOT NULL,
    model             VARCHAR(300),
    finish_reason     VARCHAR(32),
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    ttft_ms           BIGINT,
    duration_ms       BIGINT,
    error_code        VARCHAR(64),
    error_message     TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    CONSTRAINT message_order UNIQUE (conversation_id, seq)
);
