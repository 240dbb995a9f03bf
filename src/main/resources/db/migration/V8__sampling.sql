-- Sampling settings beyond temperature and max tokens (top_p, top_k, min_p, repeat_penalty, seed, stop), kept per
-- conversation as one JSON object; NULL: the server's defaults.
ALTER TABLE conversation ADD COLUMN sampling JSONB;
