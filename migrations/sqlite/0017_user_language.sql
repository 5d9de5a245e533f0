-- The language a user reads (a BCP 47 tag the app speaks): their mail is written in it.
-- Set when they switch language signed in; null until then, and their first sign-in sets it
-- to the language their browser showed the sign-in page in. Mail to a user without one is
-- in English.
alter table app_user add column language text check (language in ('en', 'zh-CN'));
