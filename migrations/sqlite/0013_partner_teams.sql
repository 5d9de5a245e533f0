-- Partner teams. A partner's admin agents group its agents into teams and say which team
-- holds which approved role in which admin relationship; an agent acts in a customer's tenant
-- only with the roles a team of theirs holds. A relationship whose roles no team holds gives
-- nobody access.
create table partner_admin_agent (
    user_id integer primary key references app_user (user_id) on delete cascade
);

create table partner_team (
    team_id integer primary key,
    partner_id integer not null references partner (partner_id),
    name text not null check (length(name) between 1 and 50),
    created_at integer not null,
    constraint partner_team_name_key unique (partner_id, name)
);

create table partner_team_member (
    team_id integer not null references partner_team (team_id) on delete cascade,
    user_id integer not null references app_user (user_id) on delete cascade,
    primary key (team_id, user_id)
);
create index partner_team_member_user_idx on partner_team_member (user_id, team_id);

-- Which team holds which role of an admin relationship (only granted roles give access).
create table admin_relationship_team_role (
    admin_relationship_id integer not null,
    role text not null,
    team_id integer not null references partner_team (team_id) on delete cascade,
    primary key (admin_relationship_id, role, team_id),
    foreign key (admin_relationship_id, role)
        references admin_relationship_role (admin_relationship_id, role)
);
create index admin_relationship_team_role_team_idx on admin_relationship_team_role (team_id);

-- Until now every agent of a partner acted with every role the partner held. Each partner
-- gets a team "All agents" with every agent it has, holding every role of its admin
-- relationships, and every agent manages teams: nobody loses access, nobody gains any.
insert into partner_admin_agent (user_id)
    select user_id from app_user where partner_id is not null;
insert into partner_team (partner_id, name, created_at)
    select partner_id, 'All agents', cast(strftime('%s', 'now') as integer) * 1000
    from (select partner_id from app_user where partner_id is not null
          union select partner_id from admin_relationship);
insert into partner_team_member (team_id, user_id)
    select t.team_id, u.user_id from partner_team t join app_user u on u.partner_id = t.partner_id;
insert into admin_relationship_team_role (admin_relationship_id, role, team_id)
    select arr.admin_relationship_id, arr.role, t.team_id
    from admin_relationship_role arr
    join admin_relationship ar on ar.admin_relationship_id = arr.admin_relationship_id
    join partner_team t on t.partner_id = ar.partner_id;
