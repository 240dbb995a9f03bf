-- Files attached to a question: uploaded first (message_id null), then claimed by the message that sends them, and
-- deleted with that message (so with its conversation). Unsent ones are deleted after SYNIN_ATTACHMENT_UNSENT_TTL.
CREATE TABLE attachment (
    id             UUID PRIMARY KEY,
    owner_id       VARCHAR(128) NOT NULL,
    message_id     UUID REFERENCES message (id) ON DELETE CASCADE,
    name           VARCHAR(255) NOT NULL,
    type           VARCHAR(100) NOT NULL,
    kind           VARCHAR(16) NOT NULL,
    size           BIGINT NOT NULL,
    pages          INTEGER,
    width          INTEGER,
    height         INTEGER,
    chars          INTEGER,
    -- documents: the extracted text, as it goes into the question's context
    text           TEXT,
    -- what was uploaded, byte for byte: the download
    original       BYTEA NOT NULL,
    -- images: re-encoded (PNG or JPEG, scaled, no metadata), as sent to the model, and a small version for the page
    image          BYTEA,
    image_type     VARCHAR(32),
    thumbnail      BYTEA,
    thumbnail_type VARCHAR(32),
    created_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT attachment_kind CHECK (kind IN ('image', 'document')),
    CONSTRAINT attachment_image CHECK (kind <> 'image' OR (image IS NOT NULL AND thumbnail IS NOT NULL))
);

CREATE INDEX attachment_message ON attachment (message_id);
CREATE INDEX attachment_owner ON attachment (owner_id);
-- The cleaner's question: which unsent ones are old enough to go.
CREATE INDEX attachment_unsent ON attachment (created_at) WHERE message_id IS NULL;
