-- A partner's description in Chinese, beside the English one: its admin agents write it on
-- Edit profile, customers reading in 简体中文 see it, and the search index holds both. Empty
-- when the partner wrote none.
alter table partner add column description_zh text not null default '';
