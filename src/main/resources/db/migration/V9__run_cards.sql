-- The run card of an answer (model facts, the sampling settings sent, speed and counts as the server gave them), one
-- JSON object per answer; NULL for questions and for answers stored before run cards existed.
ALTER TABLE message ADD COLUMN run_card JSONB;
