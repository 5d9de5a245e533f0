-- A password an admin set (a reset, or a new account) is temporary: it works for one
-- sign-in before this time (milliseconds), and that session may do nothing but set a new
-- password. Null for a password its owner chose. A sign-in with it sets it to 0: spent.
alter table app_user add column temporary_password_until bigint;
