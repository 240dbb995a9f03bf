-- Stop pressed on one replica for an answer generated on another: the replica generating it checks this flag
-- whenever it saves the answer's progress, so a Stop is never lost when the notification does not arrive.
ALTER TABLE message ADD COLUMN stop_requested BOOLEAN NOT NULL DEFAULT FALSE;
