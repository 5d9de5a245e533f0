-- The email outbox: each claim marks its messages with a random token, so a worker whose
-- lease ran out (and whose messages another worker claimed since) can neither send nor mark
-- them; sent and given-up messages are deleted after MAIL_RETENTION_DAYS.

alter table email_outbox add column claim_token text;

-- For the pruning: messages sent, or given up, before a cut-off.
create index email_outbox_sent_idx on email_outbox (sent_at) where sent_at is not null;
create index email_outbox_failed_idx on email_outbox (failed_at) where failed_at is not null;
