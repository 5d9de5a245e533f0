//! Every message the app sends, composed here and nowhere else. The database functions
//! that cause one are given it (or, when its words need facts read inside their
//! transaction, a function that composes it from them) and queue it in the outbox within
//! that transaction; the mail worker (`server::mail`) delivers it later.

mod render;

use crate::domain::{
    ContactRequest, DelegatedRole, InvitationToken, Language, RelationshipType, RelationshipTypes,
};
use crate::server::db::admin_access::Approval;
use crate::server::db::relationships::EndedBy;
use render::{args, relationship_types, tr, tr_args, MailText};

pub use render::escape_html;

/// A message written in every language the app speaks, ready for the outbox: each
/// recipient is sent the letter in their own language (`outbox::queue_each`).
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    english: Letter,
    simplified_chinese: Letter,
}

impl OutgoingEmail {
    /// The message as a reader of `language` gets it.
    pub fn in_language(&self, language: Language) -> &Letter {
        match language {
            Language::English => &self.english,
            Language::SimplifiedChinese => &self.simplified_chinese,
        }
    }
}

/// A message in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

/// The address an invitation's link opens.
pub fn invitation_link(public_url: &url::Url, token: &InvitationToken) -> String {
    address(public_url, &format!("invitation/{}", token.as_str()))
}

/// A page of the app, as mail links to it.
fn address(public_url: &url::Url, path: &str) -> String {
    public_url
        .join(path)
        .map(|u| u.to_string())
        .unwrap_or_default()
}

/// An invitation sent (or sent again with a new link), as its mail tells it.
pub struct InvitationSent<'a> {
    pub partner_name: &'a str,
    pub tenant_name: &'a str,
    pub kind: RelationshipType,
    /// The admin roles asked for (none for a type without them).
    pub roles: &'a [DelegatedRole],
    /// The partner's own words.
    pub message: Option<&'a str>,
    pub expires_at_ms: i64,
}

/// To the invited tenant's admins: who invites them, as what, with which roles, until when,
/// and the link (`invitation_link`).
pub fn invitation(sent: &InvitationSent<'_>, link: &str) -> OutgoingEmail {
    let text = MailText {
        subject: "mail-invitation-subject",
        paragraphs: &["mail-invitation-body", "mail-invitation-expiry"],
        quote: sent.message,
        link: Some(("mail-invitation-link", link)),
    };
    text.render(|language| {
        let roles = if sent.roles.is_empty() {
            tr(language, "invitation-no-roles")
        } else {
            tr_args(
                language,
                "mail-invitation-roles",
                args([("roles", role_names(language, sent.roles))]),
            )
        };
        args([
            ("partner", sent.partner_name.to_owned()),
            ("tenant", sent.tenant_name.to_owned()),
            ("type", tr(language, sent.kind.message_id())),
            ("roles", roles),
            ("date", crate::domain::format_date(sent.expires_at_ms)),
        ])
    })
}

/// The roles' names in `language`, or "none".
fn role_names(language: &render::LanguageIdentifier, roles: &[DelegatedRole]) -> String {
    if roles.is_empty() {
        return tr(language, "mail-no-roles");
    }
    roles
        .iter()
        .map(|role| tr(language, role.message_id()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// To the partner: the tenant accepted its invitation to be `kind`; the relationship is now
/// of `types`, and of the admin roles asked for (`approval`), which were granted, which
/// refused and until when.
pub fn invitation_accepted(
    tenant_name: &str,
    kind: RelationshipType,
    types: RelationshipTypes,
    approval: Option<&Approval>,
) -> OutgoingEmail {
    let Some(approval) = approval else {
        let text = MailText::notice("mail-accepted-subject", &["mail-accepted-body"]);
        return decision(&text, tenant_name, kind, types);
    };
    MailText::notice(
        "mail-accepted-subject",
        &["mail-accepted-body", "mail-accepted-access"],
    )
    .render(|language| {
        args([
            ("tenant", tenant_name.to_owned()),
            ("type", tr(language, kind.message_id())),
            ("types", relationship_types(language, types)),
            ("name", approval.name.clone()),
            ("granted", role_names(language, &approval.granted)),
            ("refused", role_names(language, &approval.refused)),
            ("date", crate::domain::format_date(approval.ends_at_ms)),
        ])
    })
}

/// To the partner: the tenant cancelled its invitation to be `kind`.
pub fn invitation_declined(tenant_name: &str, kind: RelationshipType) -> OutgoingEmail {
    let text = MailText::notice("mail-declined-subject", &["mail-declined-body"]);
    decision(&text, tenant_name, kind, RelationshipTypes::default())
}

fn decision(
    text: &MailText<'_>,
    tenant_name: &str,
    kind: RelationshipType,
    types: RelationshipTypes,
) -> OutgoingEmail {
    text.render(|language| {
        args([
            ("tenant", tenant_name.to_owned()),
            ("type", tr(language, kind.message_id())),
            ("types", relationship_types(language, types)),
        ])
    })
}

/// A lead a contact request gave one partner.
pub struct NewLead<'a> {
    pub request: &'a ContactRequest,
    pub partner_name: &'a str,
    pub lead_id: i64,
}

/// To the partner's agents: who contacted them, what they need, and a link to the lead.
pub fn new_lead(lead: &NewLead<'_>, public_url: &url::Url) -> OutgoingEmail {
    let link = address(public_url, &format!("leads/{}", lead.lead_id));
    let text = MailText {
        subject: "mail-lead-subject",
        paragraphs: &["mail-lead-body"],
        quote: Some(&lead.request.business_needs),
        link: Some(("mail-lead-link", &link)),
    };
    text.render(|_| {
        args([
            ("partner", lead.partner_name.to_owned()),
            ("company", lead.request.company.clone()),
            ("name", lead.request.contact_name.clone()),
            ("email", lead.request.email.to_string()),
        ])
    })
}

/// A tenant removed a partner's admin roles; the relationship stays as `remaining`.
pub struct RolesRemoved<'a> {
    pub tenant_name: &'a str,
    pub partner_name: &'a str,
    pub remaining: RelationshipTypes,
}

/// To the partner and the tenant's Global admins.
pub fn roles_removed(removed: &RolesRemoved<'_>) -> OutgoingEmail {
    MailText::notice("mail-roles-removed-subject", &["mail-roles-removed-body"]).render(
        |language| {
            args([
                ("tenant", removed.tenant_name.to_owned()),
                ("partner", removed.partner_name.to_owned()),
                ("types", relationship_types(language, removed.remaining)),
            ])
        },
    )
}

/// A tenant revoked every partner's access and locked partners out.
pub struct Lockdown<'a> {
    pub tenant_name: &'a str,
    /// The Global admin who did it.
    pub admin_name: &'a str,
    pub reason: &'a str,
    pub at_ms: i64,
}

/// To every partner of the tenant and its Global and Billing admins: what happened, who did
/// it and why (quoted).
pub fn lockdown(lockdown: &Lockdown<'_>) -> OutgoingEmail {
    MailText {
        quote: Some(lockdown.reason),
        ..MailText::notice("mail-lockdown-subject", &["mail-lockdown-body"])
    }
    .render(|_| {
        args([
            ("tenant", lockdown.tenant_name.to_owned()),
            ("admin", lockdown.admin_name.to_owned()),
            ("time", crate::domain::format_timestamp(lockdown.at_ms)),
        ])
    })
}

/// A member's password reset by someone else, as its owner is told.
pub struct PasswordReset<'a> {
    pub tenant_name: &'a str,
    pub email: &'a str,
    /// The name of who reset it.
    pub by: &'a str,
    /// Their partner, when an agent of one reset it.
    pub partner_name: Option<&'a str>,
    pub at_ms: i64,
    /// When the temporary password stops working.
    pub expires_at_ms: i64,
}

/// To the account's owner: who reset their password, when, and what to do.
pub fn password_reset(reset: &PasswordReset<'_>) -> OutgoingEmail {
    let body = if reset.partner_name.is_some() {
        "mail-password-reset-by-partner"
    } else {
        "mail-password-reset-by-member"
    };
    MailText::notice(
        "mail-password-reset-subject",
        &[body, "mail-password-reset-next"],
    )
    .render(|_| {
        args([
            ("tenant", reset.tenant_name.to_owned()),
            ("email", reset.email.to_owned()),
            ("by", reset.by.to_owned()),
            ("partner", reset.partner_name.unwrap_or_default().to_owned()),
            ("time", crate::domain::format_timestamp(reset.at_ms)),
            (
                "expires",
                crate::domain::format_timestamp(reset.expires_at_ms),
            ),
        ])
    })
}

/// A partner relationship ended, by the partner or by the customer.
pub struct RelationshipEnded<'a> {
    pub tenant_name: &'a str,
    pub partner_name: &'a str,
    pub ended_by: EndedBy<'a>,
}

/// To the partner and the tenant's admins who manage partner relationships; the customer's
/// note to the partner quoted.
pub fn relationship_ended(ended: &RelationshipEnded<'_>) -> OutgoingEmail {
    let text = match ended.ended_by {
        EndedBy::Partner(_) => MailText::notice(
            "mail-relationship-ended-subject",
            &["mail-relationship-ended-body"],
        ),
        EndedBy::Customer { note, .. } => MailText {
            quote: note,
            ..MailText::notice(
                "mail-relationship-ended-by-customer-subject",
                &["mail-relationship-ended-by-customer-body"],
            )
        },
    };
    text.render(|_| {
        args([
            ("tenant", ended.tenant_name.to_owned()),
            ("partner", ended.partner_name.to_owned()),
        ])
    })
}

/// A tenant changed one of a partner's admin relationships: removed one role from it, or
/// ended it.
pub struct AccessChanged<'a> {
    pub tenant_name: &'a str,
    pub partner_name: &'a str,
    pub relationship_name: &'a str,
    /// The role removed; `None` when the whole relationship ended.
    pub removed_role: Option<DelegatedRole>,
}

/// To the partner and the tenant's admins who manage partner relationships.
pub fn access_changed(changed: &AccessChanged<'_>) -> OutgoingEmail {
    let text = match changed.removed_role {
        Some(_) => MailText::notice("mail-role-removed-subject", &["mail-role-removed-body"]),
        None => MailText::notice("mail-access-ended-subject", &["mail-access-ended-body"]),
    };
    text.render(|language| {
        args([
            ("tenant", changed.tenant_name.to_owned()),
            ("partner", changed.partner_name.to_owned()),
            ("name", changed.relationship_name.to_owned()),
            (
                "role",
                changed
                    .removed_role
                    .map(|role| tr(language, role.message_id()))
                    .unwrap_or_default(),
            ),
        ])
    })
}

/// To both sides of an admin relationship: its end is near, has come, or moved (it extends
/// itself).
pub fn access_notice(
    notice: &crate::server::db::access_end_dates::AccessNotice<'_>,
) -> OutgoingEmail {
    use crate::server::db::access_end_dates::Notice;
    let text = match notice.notice {
        Notice::EndsIn(_) => MailText::notice(
            "mail-access-reminder-subject",
            &["mail-access-reminder-body"],
        ),
        Notice::Ended => {
            MailText::notice("mail-access-expired-subject", &["mail-access-expired-body"])
        }
        Notice::Extended => MailText::notice(
            "mail-access-extended-subject",
            &["mail-access-extended-body"],
        ),
    };
    text.render(|_| {
        args([
            ("tenant", notice.tenant_name.to_owned()),
            ("partner", notice.partner_name.to_owned()),
            ("name", notice.relationship_name.to_owned()),
            ("date", crate::domain::format_date(notice.ends_at_ms)),
        ])
    })
}
