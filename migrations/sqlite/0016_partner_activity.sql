-- The audit log is read as the tenant's partner activity timeline. `partner_id` now names the
-- partner an event concerns, whoever acted (the partner's agent, the tenant's admin, or the
-- clock), so "everything about this partner" is one index range. Events written before named
-- their partner only in the target; they get it here.
drop trigger audit_event_no_update;

update audit_event set partner_id = cast(substr(target, 9) as integer)
 where partner_id is null and target like 'partner:%' and action <> 'partner.account_named';
update audit_event set partner_id = (
    select a.partner_id from admin_relationship a
     where a.admin_relationship_id = cast(substr(audit_event.target, 20) as integer))
 where partner_id is null and target like 'admin-relationship:%';
update audit_event set partner_id = (
    select i.partner_id from invitation i
     where i.invitation_id = cast(substr(audit_event.target, 12) as integer))
 where partner_id is null and target like 'invitation:%';

create trigger audit_event_no_update before update on audit_event begin
    select raise(abort, 'audit events are append-only');
end;

-- Newest first under every filter: each equality filter (partner, agent, action, and the pairs
-- a person uses together) leads an index that ends in the timeline's order, so a page reads
-- its rows and no others, however old the page.
drop index audit_event_tenant_idx;
drop index audit_event_partner_idx;
create index audit_event_timeline_idx
    on audit_event (tenant_id, occurred_at, audit_event_id);
create index audit_event_partner_timeline_idx
    on audit_event (tenant_id, partner_id, occurred_at, audit_event_id);
create index audit_event_action_timeline_idx
    on audit_event (tenant_id, action, occurred_at, audit_event_id);
create index audit_event_partner_action_timeline_idx
    on audit_event (tenant_id, partner_id, action, occurred_at, audit_event_id);
create index audit_event_actor_timeline_idx
    on audit_event (tenant_id, actor_user_id, partner_id, occurred_at, audit_event_id);
create index audit_event_actor_action_timeline_idx
    on audit_event (tenant_id, actor_user_id, action, occurred_at, audit_event_id);
