-- The audit log is read as the tenant's partner activity timeline. `partner_id` now names the
-- partner an event concerns, whoever acted (the partner's agent, the tenant's admin, or the
-- clock), so "everything about this partner" is one index range. Events written before named
-- their partner only in the target; they get it here.
alter table audit_event disable trigger audit_event_append_only;

update audit_event set partner_id = substring(target from '^partner:([0-9]+)')::bigint
 where partner_id is null and target like 'partner:%' and action <> 'partner.account_named';
update audit_event e set partner_id = a.partner_id
  from admin_relationship a
 where e.partner_id is null and e.target like 'admin-relationship:%'
   and a.admin_relationship_id = substring(e.target from '^admin-relationship:([0-9]+)')::bigint;
update audit_event e set partner_id = i.partner_id
  from invitation i
 where e.partner_id is null and e.target like 'invitation:%'
   and i.invitation_id = substring(e.target from '^invitation:([0-9]+)')::bigint;

alter table audit_event enable trigger audit_event_append_only;

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
