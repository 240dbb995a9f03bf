-- SYNIN_AUTH_MODE=oidc: accounts created at their first sign-in with an OpenID Connect provider. Such an account has
-- no password; it is found again by the provider's issuer and its subject, never by its name.
ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE app_user ADD COLUMN oidc_issuer VARCHAR(500);
ALTER TABLE app_user ADD COLUMN oidc_subject VARCHAR(255);
-- What the provider calls the user (preferred_username, else email, else name), refreshed at every sign-in.
ALTER TABLE app_user ADD COLUMN display_name VARCHAR(200);
ALTER TABLE app_user ADD CONSTRAINT app_user_oidc_identity UNIQUE (oidc_issuer, oidc_subject);
ALTER TABLE app_user ADD CONSTRAINT app_user_oidc_both CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL));

-- The ID token a session was opened with, sent back to the provider as id_token_hint when the user logs out.
ALTER TABLE user_session ADD COLUMN id_token TEXT;

-- Settings that follow the user (users and oidc modes): the defaults for new chats, the same on every device.
-- NULL: not set (the page's own default applies). They go with the account.
CREATE TABLE user_defaults (
    user_id       BIGINT PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    model         VARCHAR(300),
    temperature   DOUBLE PRECISION,
    max_tokens    INTEGER,
    system_prompt TEXT,
    updated_at    TIMESTAMPTZ NOT NULL
);
