//! Types shared by the browser and the server. Every value that crosses a trust boundary is
//! parsed into one of these once; after that the type says it is valid.

mod activity;
mod admin_access;
mod agreement;
mod contact;
mod countries;
mod date;
mod directory;
mod email;
mod ids;
mod invitation;
mod language;
mod lead;
mod organization;
mod paging;
mod partner_task;
mod password;
mod power;
mod profile;
mod profile_edit;
mod relationship;
mod role;
mod session;
mod team;
mod tenant_admin;
mod text;

pub use activity::{
    ActivityAgent, ActivityCursor, ActivityEntry, ActivityFilter, ActivityFilterOptions,
    ActivityOption, ActivityPage, ActivityPosition, AuditAction, ACTIVITY_PAGE_SIZE,
};
pub use admin_access::{
    parse_roles, AccessRequest, AccessRequestForm, AccessRole, AccessStatus, AdminRelationship,
    RoleState, AUTO_EXTEND_DAYS, DAY_MS, EXPIRING_SOON_DAYS, MAX_ACCESS_DAYS, MAX_ACCESS_NAME,
};
pub use agreement::{AgreementAcceptance, AgreementDocument, AgreementStatus};
pub use contact::{
    ContactConfirmation, ContactDefaults, ContactForm, ContactRequest, MAX_BUSINESS_NEEDS,
};
pub use countries::{country_name, listed_countries};
pub use date::{format_date, format_timestamp, parse_date};
pub use directory::{
    fold_accents, is_word_char, keywords, keywords_all, parse_partner_ids, place_key, words,
    ChosenPartner, CountryCount, DirectoryQuery, PartnerSummary, SearchParams, SearchResults,
    SizeCount, MAX_KEYWORDS, MAX_PARTNERS_PER_REQUEST, PAGE_SIZE,
};
pub use email::EmailAddress;
pub use ids::{PartnerId, TenantId, UserId};
pub use invitation::{
    InvitationForm, InvitationOffer, InvitationStatus, InvitationToken, NewInvitation,
    SentInvitation, MAX_INVITATION_MESSAGE,
};
pub use language::Language;
pub use lead::{
    LeadDetail, LeadPage, LeadQuery, LeadStatus, LeadSummary, SentContactRequest, LEADS_PAGE_SIZE,
};
pub use organization::{CountryCode, OrganizationSize, TenantDomain};
pub use paging::{page_count, page_number, MAX_PAGE};
pub use partner_task::{roles_for, PartnerTask};
pub use password::{Password, PasswordChange};
pub use power::{Power, PowerRefusal, PurchasesSeen, TenantActor};
pub use profile::{Location, PartnerProfile, TenantAdmin, TenantProfile};
pub use profile_edit::{
    ProfileEdit, ProfileForm, ProfileFormStart, INDUSTRIES, MAX_DESCRIPTION, MAX_LIST_ITEM,
    MAX_PLACE_NAME, MAX_WEBSITE, SERVICES,
};
pub use relationship::{
    CustomerPage, CustomerQuery, CustomerRelationship, DelegatedRole, PartnerRelationship,
    PartnerRelationshipDetail, PendingInvitation, RelationshipType, RelationshipTypes,
    TenantRelationships, CUSTOMERS_PAGE_SIZE, MAX_CUSTOMER_SEARCH, MAX_END_NOTE,
    MAX_LOCKDOWN_REASON, PARTNER_PAGE_ACTIVITY,
};
pub use role::AdminRole;
pub use session::{Organization, SignedInUser};
pub use team::{
    parse_holdings, parse_team_ids, parse_team_name, PartnerTeams, Team, TeamAgent, TeamHolding,
    MAX_TEAMS, MAX_TEAM_NAME,
};
pub use tenant_admin::{
    parse_seats, AreaData, Incident, IncidentComment, IncidentStatus, LobApp, LobAppStatus,
    Product, Subscription, TemporaryPassword, TenantArea, TenantOverview, TenantScreen, TenantUser,
};
pub use text::{
    defuse_spreadsheet_formula, optional_multiline_text, optional_text, required_multiline_text,
    required_text, without_controls, Lines,
};

/// Why a value was refused. Each variant is a message id in `app/locales`, shown beside the
/// field it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Invalid {
    Required,
    TooLong,
    TooShort,
    EmailMalformed,
    DomainMalformed,
    CountryUnknown,
    SizeUnknown,
    Malformed,
    TooManyPartners,
    ConsentRequired,
    PhoneMalformed,
    SeatsOutOfRange,
    ControlCharacter,
    RolesRequired,
    DurationOutOfRange,
    AutoExtendWithGlobalAdmin,
    TeamsRequired,
    /// The password typed again differs.
    PasswordMismatch,
    /// The new password is the one it replaces.
    PasswordUnchanged,
    /// Not a day written `YYYY-MM-DD` (from 1970).
    DateMalformed,
    /// The last day comes before the first.
    DateRangeReversed,
    /// Not an `http(s)` address of a domain name.
    WebsiteMalformed,
    /// More entries than a list holds.
    TooManyItems,
    /// A list left empty that needs one entry.
    ChooseAtLeastOne,
}

/// Collects why the fields of one form were refused, so a user sees every problem at once.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<(&'static str, Invalid)>);

impl FieldErrors {
    /// The parsed value, or `None` with the refusal noted against `field`.
    pub fn take<T>(&mut self, field: &'static str, parsed: Result<T, Invalid>) -> Option<T> {
        parsed.map_err(|invalid| self.0.push((field, invalid))).ok()
    }

    /// `Ok(value)` when no field was refused (then `value` is `Some`).
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<(&'static str, Invalid)>> {
        match value {
            Some(value) if self.0.is_empty() => Ok(value),
            _ => Err(self.0),
        }
    }
}

impl Invalid {
    pub fn message_id(self) -> &'static str {
        match self {
            Invalid::Required => "invalid-required",
            Invalid::TooLong => "invalid-too-long",
            Invalid::TooShort => "invalid-too-short",
            Invalid::EmailMalformed => "invalid-email",
            Invalid::DomainMalformed => "invalid-domain",
            Invalid::CountryUnknown => "invalid-country",
            Invalid::SizeUnknown => "invalid-size",
            Invalid::Malformed => "invalid-malformed",
            Invalid::TooManyPartners => "invalid-too-many-partners",
            Invalid::ConsentRequired => "invalid-consent",
            Invalid::PhoneMalformed => "invalid-phone",
            Invalid::SeatsOutOfRange => "invalid-seats",
            Invalid::ControlCharacter => "invalid-control-character",
            Invalid::RolesRequired => "invalid-roles-required",
            Invalid::DurationOutOfRange => "invalid-duration",
            Invalid::AutoExtendWithGlobalAdmin => "invalid-auto-extend-global-admin",
            Invalid::TeamsRequired => "invalid-teams-required",
            Invalid::PasswordMismatch => "invalid-password-mismatch",
            Invalid::PasswordUnchanged => "invalid-password-unchanged",
            Invalid::DateMalformed => "invalid-date",
            Invalid::DateRangeReversed => "invalid-date-range",
            Invalid::WebsiteMalformed => "invalid-website",
            Invalid::TooManyItems => "invalid-too-many-items",
            Invalid::ChooseAtLeastOne => "invalid-choose-at-least-one",
        }
    }
}
