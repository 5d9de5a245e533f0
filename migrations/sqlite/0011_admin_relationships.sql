-- Granular, time-bound admin access. A partner asks a customer for named admin relationships,
-- each with its own roles, duration and end date; the customer approves the roles one by one.
-- Access ends at `ends_at`, which every request checks.
create table admin_relationship (
    admin_relationship_id integer primary key,
    tenant_id integer not null references tenant (tenant_id),
    partner_id integer not null references partner (partner_id),
    -- the invitation that asked for it; null for access carried over from standing roles
    invitation_id integer references invitation (invitation_id),
    name text not null check (length(name) between 1 and 50),
    duration_days integer not null check (duration_days between 1 and 730),
    auto_extend integer not null default 0 check (auto_extend in (0, 1)),
    -- expired is not stored: an active relationship past `ends_at` is expired
    status text not null check (status in ('pending', 'active', 'declined', 'terminated')),
    created_at integer not null,
    approved_at integer,
    ends_at integer,
    ended_at integer,
    ended_by_user_id integer references app_user (user_id),
    check (status <> 'pending' or ends_at is null),
    check (status <> 'active' or ends_at is not null)
);
create unique index admin_relationship_name_key on admin_relationship (tenant_id, partner_id, name)
    where status in ('pending', 'active');
create unique index admin_relationship_invitation_key on admin_relationship (invitation_id);
create index admin_relationship_pair_idx on admin_relationship (tenant_id, partner_id, status);
create index admin_relationship_partner_idx on admin_relationship (partner_id, status);

create table admin_relationship_role (
    admin_relationship_id integer not null references admin_relationship (admin_relationship_id),
    role text not null check (role in ('global_admin', 'global_reader', 'user_admin',
        'password_admin', 'helpdesk_admin', 'license_admin', 'billing_admin',
        'service_support_admin', 'application_admin')),
    state text not null check (state in ('requested', 'granted', 'refused', 'removed')),
    decided_by_user_id integer references app_user (user_id),
    decided_at integer,
    primary key (admin_relationship_id, role)
);

-- The standing roles of the seed's model become one admin relationship per partner with the
-- same roles, active for the longest duration from now on: no role lost, none widened.
insert into admin_relationship (tenant_id, partner_id, name, duration_days, auto_extend, status,
        created_at, approved_at, ends_at)
    select r.tenant_id, r.partner_id, 'Delegated admin access', 730, 0, 'active',
        min(rr.granted_at), min(rr.granted_at),
        cast(strftime('%s', 'now') as integer) * 1000 + 730 * 86400000
    from relationship r join relationship_role rr on rr.relationship_id = r.relationship_id
    where r.ended_at is null
    group by r.relationship_id, r.tenant_id, r.partner_id;
insert into admin_relationship_role (admin_relationship_id, role, state, decided_by_user_id, decided_at)
    select ar.admin_relationship_id, rr.role, 'granted', rr.granted_by_user_id, rr.granted_at
    from relationship_role rr
    join relationship r on r.relationship_id = rr.relationship_id and r.ended_at is null
    join admin_relationship ar on ar.tenant_id = r.tenant_id and ar.partner_id = r.partner_id
        and ar.invitation_id is null;
-- An invitation still waiting for an answer asks, as it always did, for its type's roles:
-- a pending admin relationship named after the type and the invitation.
insert into admin_relationship (tenant_id, partner_id, invitation_id, name, duration_days,
        auto_extend, status, created_at)
    select i.tenant_id, i.partner_id, i.invitation_id,
        case when i.relationship_type = 'advisor' then 'Advisor access'
             else 'Delegated admin access' end || ' #' || i.invitation_id,
        730, 0, 'pending', i.created_at
    from invitation i
    where i.status = 'pending' and i.relationship_type in
        ('delegated_administrator', 'reseller_and_delegated_administrator', 'advisor');
insert into admin_relationship_role (admin_relationship_id, role, state)
    select ar.admin_relationship_id, asked.role, 'requested'
    from admin_relationship ar
    join invitation i on i.invitation_id = ar.invitation_id
    join (select 'delegated_administrator' as relationship_type, 'global_admin' as role
          union all select 'delegated_administrator', 'helpdesk_admin'
          union all select 'reseller_and_delegated_administrator', 'global_admin'
          union all select 'reseller_and_delegated_administrator', 'helpdesk_admin'
          union all select 'advisor', 'password_admin'
          union all select 'advisor', 'service_support_admin') asked
        on asked.relationship_type = i.relationship_type
    where ar.status = 'pending';
drop table relationship_role;
