-- The notices sent about an admin relationship's end date: reminders 30, 7 and 1 days before
-- it, the end itself, and each automatic extension. One row per notice and end date, written in
-- the transaction that queues its mail: however many server processes look, each is sent once.
create table admin_relationship_notice (
    admin_relationship_id integer not null references admin_relationship (admin_relationship_id),
    notice text not null check (notice in ('30_days', '7_days', '1_day', 'ended', 'extended')),
    -- the end date the notice is about (an extension moves it, and the reminders start again)
    ends_at integer not null,
    sent_at integer not null,
    primary key (admin_relationship_id, notice, ends_at)
);
-- Active relationships by end date, for the reminder job.
create index admin_relationship_ends_idx on admin_relationship (ends_at) where status = 'active';
