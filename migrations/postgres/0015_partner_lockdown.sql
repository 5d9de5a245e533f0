-- Revoke all partner access: from this time (milliseconds) until a Global admin ends the
-- lockdown, no invitation to the tenant can be accepted and no admin role granted to any
-- partner. Null: no lockdown.
alter table tenant add column partner_lockdown_since bigint;
