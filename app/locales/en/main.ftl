skip-to-content = Skip to main content
nav-label = Main
nav-settings = Settings
nav-partner-profile = Partner profile
language-switch-label = Language
pending-working = Working…
loading = Loading…
back-home = Back to the home page

org-kind-tenant = Organization:
org-kind-partner = Partner organization:

sign-in = Sign in
sign-out = Sign out
sign-in-title = Sign in to Partnerhub
field-email = Email
field-password = Password

home-title = Partner relationships
home-intro = Work with certified solution providers (partners) to purchase and manage products and services for your organization.
home-step-find = Admins find and contact a partner.
home-step-invite = The partner sends an email invitation to establish a partner relationship.
home-step-accept = The customer accepts the invitation and starts working with the partner.
home-no-admin-role = You must be either a Global or Billing admin to manage partner relationships.

settings-title = Settings
settings-organization-profile = Organization profile
settings-admins = Admins
organization-name = Name
organization-domain = Primary domain
organization-country = Country or region
organization-size = Organization size
column-name = Name
column-email = Email
column-roles = Roles

partner-profile-title = Partner profile
partner-website = Website
partner-contact = Contact
partner-locations = Locations served
partner-sizes = Organization sizes served
partner-services = Services
partner-industries = Industries
partner-relationship-types = Relationship types offered

role-global-admin = Global admin
role-billing-admin = Billing admin
role-helpdesk-admin = Helpdesk admin

relationship-reseller = Reseller
relationship-delegated-administrator = Delegated administrator
relationship-reseller-and-delegated-administrator = Reseller & delegated administrator
relationship-partner = Partner
relationship-advisor = Advisor
relationship-mpsa-partner = MPSA partner
relationship-lob-partner = Line-of-business (LOB) partner

access-denied-title = You don't have access to this page
access-needs-global-or-billing-admin = You need to be a Global or Billing admin of a customer organization to see this page.
access-needs-customer-admin = You need an admin role in a customer organization to see this page.
access-needs-partner-agent = You need to be signed in as an agent of a partner organization to see this page.
access-signed-in-to = You're signed in to { $organization }.

invalid-required = This field is required.
invalid-too-long = This is too long.
invalid-too-short = This is too short: use at least 12 characters.
invalid-email = Enter an email address like name@example.com.
invalid-domain = Enter a domain like contoso.com.
invalid-country = Choose a country or region from the list.
invalid-size = Choose an organization size from the list.

error-validation = Some fields need your attention.
error-bad-request = The request could not be understood. Reload the page and try again.
error-unauthorized = Sign in to continue.
error-invalid-credentials = The email or password is incorrect.
error-forbidden-customer-admin = You need to be a Global or Billing admin to do this.
error-forbidden-partner-agent = You need to be a partner agent to do this.
error-not-found = Page not found
error-too-many-requests = Too many attempts. Wait a few minutes, then try again.
error-internal = Something went wrong on our side. Try again in a moment.
error-unreachable = The server can't be reached. Check your connection and try again.

nav-find-partner = Find a partner
nav-leads = Leads
nav-contact-requests = Contact requests

find-partner-title = Find a partner
find-partner-intro = Enter your location, choose your organization size, add keywords for the type of services you need, then select Go.
search-country = Country or region
search-any-country = Any country or region
search-region = State or region (optional)
search-city = City (optional)
search-size = Organization size
search-any-size = Any size
size-employees = { $size } employees
search-keywords = Services you need
search-keywords-placeholder = For example: cloud migration, security
search-go = Go
results-count = { $count ->
    [one] 1 partner found
   *[other] { $count } partners found
}
results-searched-for = Showing results for: { $terms }
results-empty = No partner matches this search. Try fewer keywords, another spelling, or any size or country.
results-choose = Choose
pager-label = Result pages
pager-previous = Previous page
pager-next = Next page
pager-position = Page { $page } of { $pages }
chosen-count = { $count } of at most { $max } providers chosen
chosen-limit = You can contact at most { $max } providers at once.
contact-selected = Contact selected providers

contact-title = Contact selected providers
contact-chosen = Providers you chose
contact-business-needs = Describe your business needs
contact-name = Contact name
contact-phone = Phone (optional)
contact-company = Company
contact-choose = Choose…
contact-consent = I agree that the providers I chose may contact me about my request.
contact-send = Send
contact-sent-title = Your request was sent
contact-sent-intro = These providers received your request and will contact you:
contact-search-again = Find more partners

contact-requests-title = Contact requests
contact-requests-empty = Your organization hasn't contacted any partners yet.
column-partner = Partner

leads-title = Leads
leads-filter-status = Status
leads-filter-all = All statuses
leads-filter-apply = Filter
leads-empty = No leads with this status.
leads-company = Company
leads-status = Status
leads-received = Received
lead-status-new = New
lead-status-contacted = Contacted
lead-status-invited = Invited
lead-status-closed = Closed
lead-title = Lead
lead-back = Back to leads
lead-mark-contacted = Mark as contacted
lead-mark-closed = Close lead
lead-tenant-domain = Customer's domain

invalid-malformed = This value isn't valid.
invalid-too-many-partners = Choose at most 10 providers.
invalid-consent = Tick this box to send your request.
invalid-phone = Enter a phone number, for example +1 425 555 0100.
invalid-partner-unknown = One of the chosen providers no longer exists. Choose again.
error-lead-status = A lead can't go back to that status.
error-lead-changed = Someone else changed this lead. Reload the page.
lead-status-line = Status: { $status }

nav-partner-relationships = Partner relationships
nav-invitations = Invitations
role-password-admin = Password admin
role-service-support-admin = Service support admin
column-actions = Actions
column-admin-roles = Admin roles
column-since = Since
roles-none = None

invitations-title = Invitations
invitations-sent = Invitations sent
invitations-empty = You haven't sent any invitations yet.
invitations-customer = Customer
invitations-sent-at = Sent
invitations-expires = Expires
invitation-tenant-domain = Customer's domain
invitation-relationship-type = Relationship type
invitation-message = Message (optional)
invitation-send = Send invitation
invitation-sent = Invitation sent. The customer's Global and Billing admins get it by email.
invitation-no-roles = No admin roles in the customer's tenant.
invitation-roles-asked = Admin roles asked for: { $roles }
invitation-resend = Resend
invitation-revoke = Revoke
invitation-resend-label = Resend the invitation to { $customer }
invitation-revoke-label = Revoke the invitation to { $customer }
invitation-resent = Invitation sent again with a new link. The earlier link no longer works.
invitation-revoked-done = Invitation revoked. Its link no longer works.
invitation-status-pending = Pending
invitation-status-accepted = Accepted
invitation-status-declined = Cancelled by the customer
invitation-status-expired = Expired
invitation-status-revoked = Revoked
invalid-tenant-unknown = No organization with this domain uses Partnerhub. Check the spelling.
invalid-tenant-no-admins = This organization has no Global or Billing admin who could accept.
error-invitation-pending = An identical invitation to this customer is still pending. Resend it instead.
error-relationship-has-type = Your relationship with this customer already has this type.

invitation-not-found = This invitation link isn't valid. Check that you used the whole link from the most recent email.
invitation-already-accepted = This invitation has already been accepted.
invitation-already-declined = This invitation was cancelled.
invitation-expired = This invitation has expired. Ask the partner to send it again.
invitation-revoked = The partner withdrew this invitation.
access-needs-admin-of = To accept this invitation you need to be a Global or Billing admin of { $organization }.
accept-invitation-title = Accept agreement & authorize partner
accept-invitation-intro = { $partner } invites { $tenant } to a partner relationship.
accept-roles-granted = Admin roles granted
accept-expires = Invitation expires
accept-partner-message = Message from the partner
accept-roles-notice = When you accept, the partner gets these admin roles in your tenant. You can remove them at any time in Settings > Partner relationships. If you don't want to give them, cancel the invitation instead of accepting it.
customer-agreement = Customer Agreement
opens-in-new-tab = opens in a new tab
agreement-version-line = (version { $version })
agreement-acknowledge = I have read the Customer Agreement and accept it for my organization.
accept-and-authorize = Accept & Authorize
cancel-invitation = Cancel invitation
invitation-cancelled-title = Invitation cancelled
invitation-cancelled-body = Nothing was granted. The partner has been told.
invalid-agreement-unread = Tick this box to confirm you read the Customer Agreement.
error-agreement-changed = A new version of the Customer Agreement was published. Reload the page and read it before accepting.
agreement-version-published = Version { $version }, published { $date }

partner-relationships-title = Partner relationships
partner-relationships-empty = Your organization doesn't work with any partner yet.
invitation-accepted-notice = Invitation accepted. The partner now works with your organization as shown below.
agreement-status-accepted = Accepted
agreement-status-not-accepted = Not accepted
relationship-no-type = No relationship type

mail-lead-subject = New lead for { $partner }: { $company }
mail-lead-body = { $company } ({ $name }, { $email }) contacted { $partner } through Partnerhub.
mail-lead-link = Open the lead
mail-invitation-subject = { $partner } invites { $tenant } to a partner relationship
mail-invitation-body = { $partner } asks to work with { $tenant } as: { $type }. { $roles }
mail-invitation-roles = Admin roles in your tenant: { $roles }.
mail-invitation-expiry = The link works once and expires on { $date }. If you don't want to give these roles, cancel the invitation on that page instead of accepting it.
mail-invitation-link = Review and accept the invitation
mail-accepted-subject = { $tenant } accepted your invitation
mail-accepted-body = { $tenant } accepted your invitation ({ $type }) and the Customer Agreement. Your relationship with { $tenant } is now: { $types }.
mail-declined-subject = { $tenant } cancelled your invitation
mail-declined-body = { $tenant } cancelled your invitation ({ $type }). Nothing was granted.
