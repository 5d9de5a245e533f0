use super::db::Db;
use leptos::config::LeptosOptions;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

/// Shared by every request: handed to Leptos as context and to axum as router state.
#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    /// This process's directory search: its index following the database, and a cache.
    pub search: Arc<super::directory_search::DirectorySearch>,
    pub clock: super::clock::Clock,
    /// The WebAssembly files each group of screens needs, named in its pages for preloading.
    pub screen_files: Arc<super::screen_files::ScreenFiles>,
}

/// How long an invitation link works unless `INVITATION_TTL_DAYS` says otherwise.
pub const DEFAULT_INVITATION_TTL_DAYS: u64 = 30;

/// How long an ended admin relationship stays listed unless `ACCESS_HISTORY_DAYS` says
/// otherwise.
pub const DEFAULT_ACCESS_HISTORY_DAYS: u64 = 365;

/// How long a temporary password works unless `TEMPORARY_PASSWORD_HOURS` says otherwise.
pub const DEFAULT_TEMPORARY_PASSWORD_HOURS: u64 = 24;

/// Run-time configuration, read once at start-up.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where users reach the app. Links in mail are built from it, never from a Host header.
    pub public_url: url::Url,
    /// A session unused this long is gone.
    pub session_idle_timeout: Duration,
    /// A session older than this is gone, however busy.
    pub session_absolute_timeout: Duration,
    pub sign_in_limits: SignInLimits,
    pub contact_limits: ContactLimits,
    pub invitation_limits: InvitationLimits,
    /// How long an invitation link works (`INVITATION_TTL_DAYS`, default 30 days).
    pub invitation_ttl: Duration,
    /// How long an ended admin relationship stays listed as history (`ACCESS_HISTORY_DAYS`,
    /// default a year).
    pub access_history: Duration,
    /// How long a password an admin set (a reset, a new account) works, for its one sign-in
    /// (`TEMPORARY_PASSWORD_HOURS`, default 24 hours).
    pub temporary_password_lifetime: Duration,
    /// The proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`); none by default.
    pub trusted_proxies: TrustedProxies,
}

/// Contact requests accepted in one window, per client address and per sender email.
#[derive(Debug, Clone, Copy)]
pub struct ContactLimits {
    pub per_client: i64,
    pub per_email: i64,
    pub window: Duration,
}

impl Default for ContactLimits {
    fn default() -> Self {
        Self {
            per_client: 10,
            per_email: 5,
            window: Duration::from_secs(60 * 60),
        }
    }
}

/// Sign-in attempts tolerated in one window. Only a client address is ever refused: a
/// stranger's failures must not lock the owner out of their account.
#[derive(Debug, Clone, Copy)]
pub struct SignInLimits {
    /// Failed attempts on one account from one client address; then that address is refused
    /// for the account. Failed attempts on one account from all addresses together; then every
    /// attempt on it waits `account_delay` first.
    pub per_account: i64,
    /// Attempts from one client address that were not successful sign-ins.
    pub per_client: i64,
    pub window: Duration,
    /// The wait before each attempt on an account that failed `per_account` times.
    pub account_delay: Duration,
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self {
            per_account: 5,
            per_client: 50,
            window: Duration::from_secs(15 * 60),
            account_delay: Duration::from_secs(1),
        }
    }
}

/// Invitations a partner may send (resends count), in all and to one tenant. Per tenant *and*
/// partner, so no partner can use up the invitations another partner sends that tenant.
#[derive(Debug, Clone, Copy)]
pub struct InvitationLimits {
    pub per_partner: i64,
    pub partner_window: Duration,
    pub per_tenant: i64,
    pub tenant_window: Duration,
}

impl Default for InvitationLimits {
    fn default() -> Self {
        Self {
            per_partner: 30,
            partner_window: Duration::from_secs(60 * 60),
            per_tenant: 10,
            tenant_window: Duration::from_secs(24 * 60 * 60),
        }
    }
}

/// The reverse proxies (load balancers) in front of the app, by address or CIDR network.
/// Only a request whose TCP peer is one of them has its `X-Forwarded-For` read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<ipnet::IpNet>);

impl TrustedProxies {
    /// Addresses and networks separated by commas: `127.0.0.1,10.0.0.0/8,::1`. An entry that
    /// is neither comes back as the error.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<ipnet::IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| entry.to_owned())
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    pub fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|network| network.contains(&address))
    }

    /// The client of a request from `peer` carrying these `X-Forwarded-For` values. Each
    /// proxy appends the address it was connected from, so the hops are read right to left;
    /// the first one that is not a trusted proxy is the client. Anything left of it was sent
    /// by the client and could be forged.
    pub fn client<'a>(
        &self,
        peer: IpAddr,
        forwarded_for: impl IntoIterator<Item = &'a str>,
    ) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trusts(client) {
            return client;
        }
        let hops: Vec<&str> = forwarded_for
            .into_iter()
            .flat_map(|value| value.split(','))
            .collect();
        for hop in hops.into_iter().rev() {
            // A hop that is no address was not written by a proxy of ours: the last trusted
            // hop is as far back as the chain can be believed.
            let Some(address) = parse_hop(hop) else {
                break;
            };
            client = address;
            if !self.trusts(address) {
                break;
            }
        }
        client
    }
}

/// One `X-Forwarded-For` entry: an address, or an address with a port (`[::1]:80`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .or_else(|_| {
            hop.parse::<std::net::SocketAddr>()
                .map(|socket| socket.ip())
        })
        .ok()
        .map(|address| address.to_canonical())
}

impl Settings {
    pub fn new(public_url: url::Url) -> Self {
        Self {
            public_url,
            session_idle_timeout: Duration::from_secs(60 * 60),
            session_absolute_timeout: Duration::from_secs(12 * 60 * 60),
            sign_in_limits: SignInLimits::default(),
            contact_limits: ContactLimits::default(),
            invitation_limits: InvitationLimits::default(),
            invitation_ttl: Duration::from_secs(DEFAULT_INVITATION_TTL_DAYS * 24 * 60 * 60),
            access_history: Duration::from_secs(DEFAULT_ACCESS_HISTORY_DAYS * 24 * 60 * 60),
            temporary_password_lifetime: Duration::from_secs(
                DEFAULT_TEMPORARY_PASSWORD_HOURS * 60 * 60,
            ),
            trusted_proxies: TrustedProxies::default(),
        }
    }

    /// Cookies carry `Secure` exactly when users reach the app over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.scheme() == "https"
    }
}

/// The state of the request being served, inside a server function or a render. A render
/// that ended early (a redirect) can still poll its pending resources; they get an error.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::debug!("no application state: the request was already answered");
        crate::error::AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::TrustedProxies;
    use std::net::IpAddr;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn proxies(list: &str) -> TrustedProxies {
        TrustedProxies::parse(list).expect("a valid list")
    }

    #[test]
    fn trusted_proxies_are_addresses_and_networks() {
        let trusted = proxies(" 127.0.0.1, 10.0.0.0/8 ,::1,");
        assert!(trusted.trusts(ip("127.0.0.1")));
        assert!(trusted.trusts(ip("10.200.3.4")));
        assert!(trusted.trusts(ip("::1")));
        assert!(
            trusted.trusts(ip("::ffff:10.0.0.1")),
            "IPv4 mapped into IPv6"
        );
        assert!(!trusted.trusts(ip("127.0.0.2")));
        assert!(!trusted.trusts(ip("11.0.0.1")));
        assert_eq!(TrustedProxies::parse(""), Ok(TrustedProxies::default()));
        assert_eq!(
            TrustedProxies::parse("10.0.0.0/8,proxy.internal"),
            Err("proxy.internal".to_owned())
        );
        assert_eq!(
            TrustedProxies::parse("10.0.0.0/33"),
            Err("10.0.0.0/33".to_owned())
        );
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let peer = ip("203.0.113.9");
        assert_eq!(
            TrustedProxies::default().client(peer, ["198.51.100.1"]),
            peer
        );
        assert_eq!(
            proxies("10.0.0.0/8").client(peer, ["198.51.100.1"]),
            peer,
            "the peer is no proxy of ours"
        );
    }

    #[test]
    fn the_client_is_the_right_most_hop_that_is_no_trusted_proxy() {
        let trusted = proxies("127.0.0.1,10.0.0.0/8");
        let peer = ip("127.0.0.1");
        assert_eq!(trusted.client(peer, ["198.51.100.1"]), ip("198.51.100.1"));
        assert_eq!(
            trusted.client(peer, ["6.6.6.6, 198.51.100.1, 10.1.1.1"]),
            ip("198.51.100.1"),
            "the forged left-most entry is ignored, the inner proxy skipped"
        );
        assert_eq!(
            trusted.client(peer, ["6.6.6.6", "198.51.100.1,10.1.1.1"]),
            ip("198.51.100.1"),
            "several headers read as one list"
        );
        assert_eq!(
            trusted.client(peer, ["[2001:db8::1]:443", "198.51.100.1:80"]),
            ip("198.51.100.1")
        );
        assert_eq!(
            trusted.client(peer, []),
            peer,
            "no header: the proxy itself"
        );
        assert_eq!(
            trusted.client(peer, ["10.2.2.2"]),
            ip("10.2.2.2"),
            "all hops trusted: the farthest"
        );
        assert_eq!(
            trusted.client(peer, ["198.51.100.1, garbage, 10.1.1.1"]),
            ip("10.1.1.1"),
            "the chain is believed up to the first hop that is no address"
        );
    }
}
