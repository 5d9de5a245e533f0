-- Each counter records when its window ends, so a periodic job can delete the counters of
-- ended windows whatever their length (sign-in 15 minutes, invitations a day). The counters
-- are short-lived: starting them afresh at this migration loses nothing worth keeping.
drop table rate_limit;

create table rate_limit (
    bucket text primary key,
    window_ends_at bigint not null,
    hits bigint not null
);

create index rate_limit_window_ends_at_idx on rate_limit (window_ends_at);
