-- Each submitter has its own line-of-business apps: a second partner submitting an app of the
-- same name creates its own entry instead of taking the first one's over. (The tenant's own
-- admins, partner_id null, share one namespace.)
alter table lob_app drop constraint lob_app_name_key;
create unique index lob_app_submitter_name_key on lob_app (tenant_id, coalesce(partner_id, 0), name);
