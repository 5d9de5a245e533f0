//! The command line: `server [COMMAND]`, serving by default, with the maintenance commands
//! beside it. Settings come from the environment (`config::Config`); each is a flag too.

use crate::config::Config;
use crate::directory_generator::DirectoryGenerator;
use crate::{demo, Application};
use app::domain::{AdminRole, EmailAddress, Password, SearchParams, TenantDomain};
use app::server::db::{
    self,
    users::{NewUser, NewUserOrganization},
    Db,
};
use app::server::directory_search::DirectorySearch;
use clap::{Parser, Subcommand, ValueEnum};

/// Partnerhub: the partner relationships part of an admin center.
///
/// Every setting comes from the environment variable shown beside it (or the flag); RUST_LOG
/// sets what is logged.
#[derive(Parser)]
#[command(version)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
    /// The listen address as cargo-leptos names it; LISTEN_ADDR, when given, wins.
    #[arg(long, env = "LEPTOS_SITE_ADDR", hide = true)]
    pub leptos_site_addr: Option<std::net::SocketAddr>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the app (the default).
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Add generated partners to the directory (realistic fake data).
    Seed {
        /// How many partners to add.
        #[arg(long, default_value_t = 1000)]
        partners: usize,
        /// Random seed: the same seed gives the same partners.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Give a partner many customers, each with three admin relationships (benchmarks).
    SeedCustomers {
        /// The partner organization's exact name.
        #[arg(long, default_value = "Fabrikam Solutions")]
        partner: String,
        #[arg(long, default_value_t = 5000)]
        customers: usize,
    },
    /// Give a tenant a long partner activity history (benchmarks): events by its partners'
    /// agents over the past year.
    SeedActivity {
        /// The tenant's primary domain.
        #[arg(long, default_value = "contoso.example")]
        tenant: String,
        #[arg(long, default_value_t = 1_000_000, value_parser = clap::value_parser!(i64).range(1..=100_000_000))]
        events: i64,
    },
    /// Build this process's directory search index again from the database (SEARCH_INDEX_DIR;
    /// a server builds it by itself when it is missing or out of date). Not while a server
    /// uses the same folder.
    RebuildSearchIndex,
    /// Time the directory search in this process (its index, then the page's rows from the
    /// database; no HTTP), for benchmarks. Not while a server uses the same index folder.
    BenchSearch {
        /// Keywords, as typed in "Services you need".
        #[arg(long, default_value = "cloud migration")]
        q: String,
        /// Country code; "" for any.
        #[arg(long, default_value = "US")]
        country: String,
        /// Organization size, e.g. 251-1000; "" for any.
        #[arg(long, default_value = "251-1000")]
        size: String,
        /// A city to rank first (with a country).
        #[arg(long, default_value = "")]
        city: String,
        #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u32).range(1..))]
        iterations: u32,
    },
    /// Copy the SQLite database to a new FILE while servers run and write; the copy holds
    /// every write committed before it began, and is checked.
    Backup { file: std::path::PathBuf },
    /// Put a copy made by `backup` back in place of the SQLite database. Refused while a
    /// server has the database open; every search index rebuilds from the copy.
    Restore { file: std::path::PathBuf },
    /// Manage the Customer Agreement.
    Agreement {
        #[command(subcommand)]
        command: AgreementCommand,
    },
    /// Create a user in an existing tenant or partner organization.
    /// The password is read from PARTNERHUB_NEW_PASSWORD, or else from the first line of stdin.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The tenant's primary domain, e.g. contoso.example.
        #[arg(long, conflicts_with = "partner", required_unless_present = "partner")]
        tenant: Option<String>,
        /// The partner organization's exact name, e.g. "Fabrikam Solutions".
        #[arg(long)]
        partner: Option<String>,
        /// Admin roles in the tenant; repeat for several.
        #[arg(long = "role", value_enum)]
        roles: Vec<RoleArg>,
    },
}

#[derive(Subcommand)]
enum AgreementCommand {
    /// Publish a new version from a text file (paragraphs separated by blank lines). Every
    /// tenant must then accept it again before its partners may purchase for it.
    Publish {
        /// The agreement's text, UTF-8.
        file: std::path::PathBuf,
        /// The new version's name, e.g. 2.0.
        #[arg(long)]
        version: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
#[allow(clippy::enum_variant_names)] // named as typed: --role global-admin
enum RoleArg {
    GlobalAdmin,
    BillingAdmin,
    HelpdeskAdmin,
}

impl From<RoleArg> for AdminRole {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::GlobalAdmin => AdminRole::GlobalAdmin,
            RoleArg::BillingAdmin => AdminRole::BillingAdmin,
            RoleArg::HelpdeskAdmin => AdminRole::HelpdeskAdmin,
        }
    }
}

/// Runs the command (serving when none is given).
pub async fn run(cli: Cli) -> Result<(), String> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => migrate(&config).await,
        Command::Seed { partners, seed } => seed_directory(&config, partners, seed).await,
        Command::SeedCustomers { partner, customers } => {
            let db = open(&config).await?;
            let partner_id = db::partners::find_by_name(&db.pool, &partner)
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("no partner is named {partner:?}"))?;
            let started = std::time::Instant::now();
            let added = crate::customer_generator::seed(&db, partner_id, customers).await?;
            println!(
                "gave {partner} {added} customers in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::SeedActivity { tenant, events } => {
            let db = open(&config).await?;
            let domain = TenantDomain::parse(&tenant)
                .map_err(|_| format!("{tenant:?} is not a tenant domain"))?;
            let tenant_id = db::tenants::find_by_domain(&db.pool, &domain)
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("no tenant has the domain {tenant:?}"))?;
            let started = std::time::Instant::now();
            let added = crate::activity_generator::seed(&db, tenant_id, events).await?;
            println!(
                "gave {tenant} {added} partner activity events in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::RebuildSearchIndex => rebuild_search_index(&config).await,
        Command::Backup { file } => {
            let copied = crate::backup::backup(&config.database_url, &file)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "backed up to {} ({} bytes) in {:.1} s; integrity ok",
                file.display(),
                copied.bytes,
                copied.seconds
            );
            Ok(())
        }
        Command::Restore { file } => {
            let copied = crate::backup::restore(&config.database_url, &file)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "restored {} ({} bytes) in {:.1} s; search indexes rebuild at their next start",
                file.display(),
                copied.bytes,
                copied.seconds
            );
            Ok(())
        }
        Command::BenchSearch {
            q,
            country,
            size,
            city,
            iterations,
        } => {
            let params = SearchParams {
                country,
                size,
                city,
                q,
                ..SearchParams::default()
            };
            bench_search(&config, params, iterations).await
        }
        Command::Agreement {
            command: AgreementCommand::Publish { file, version },
        } => publish_agreement(&config, &file, &version).await,
        Command::CreateUser {
            email,
            name,
            tenant,
            partner,
            roles,
        } => {
            create_user(
                &config,
                &email,
                &name,
                tenant.as_deref(),
                partner.as_deref(),
                &roles,
            )
            .await
        }
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let demo = config.demo;
    let app = Application::build(config)
        .await
        .map_err(|e| e.to_string())?;
    let url = app.state.settings.public_url.clone();
    println!("\nPartnerhub is running at {url}");
    if demo {
        println!("Demo accounts (password {:?}):", demo::DEMO_PASSWORD);
        for (email, who) in demo::DEMO_ACCOUNTS {
            println!("  {email:<28} {who}");
        }
    }
    println!();
    app.run().await.map_err(|e| e.to_string())
}

async fn open(config: &Config) -> Result<Db, String> {
    let db = Db::connect(&config.database_url, 4)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    db.migrate()
        .await
        .map_err(|e| format!("cannot migrate the database: {e}"))?;
    Ok(db)
}

async fn publish_agreement(
    config: &Config,
    file: &std::path::Path,
    version: &str,
) -> Result<(), String> {
    let version = version.trim();
    if version.is_empty() || version.len() > 40 {
        return Err("--version must be 1 to 40 characters".to_owned());
    }
    let body = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let body = body.trim();
    if body.is_empty() {
        return Err(format!("{} is empty", file.display()));
    }
    let db = open(config).await?;
    let published = db::agreements::publish(&db.pool, version, body, db::now_ms())
        .await
        .map_err(|e| format!("cannot publish: {e}"))?;
    if !published {
        return Err(format!("version {version} exists already"));
    }
    println!("Customer Agreement {version} published; every tenant must accept it again");
    Ok(())
}

async fn migrate(config: &Config) -> Result<(), String> {
    open(config).await?;
    println!("database is up to date");
    Ok(())
}

async fn seed_directory(config: &Config, partners: usize, seed: u64) -> Result<(), String> {
    const BATCH: usize = 10_000;
    let db = open(config).await?;
    let mut generator = DirectoryGenerator::new(seed);
    let started = std::time::Instant::now();
    let mut written = 0;
    while written < partners {
        let count = BATCH.min(partners - written);
        let batch = generator.batch(written as u64 + 1, count);
        db::partners::insert_many(&db.pool, &batch, db::now_ms())
            .await
            .map_err(|e| e.to_string())?;
        written += count;
        eprint!("\r{written} / {partners} partners");
    }
    eprintln!();
    println!(
        "added {written} partners in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn rebuild_search_index(config: &Config) -> Result<(), String> {
    let db = open(config).await?;
    let (search, _) = DirectorySearch::open(db, Some(config.search_index_dir.clone()))
        .await
        .map_err(|e| e.to_string())?;
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} partners, {per_sec}, {eta} left",
        )
        .map_err(|e| e.to_string())?,
    );
    let started = std::time::Instant::now();
    search
        .rebuild(|done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .await
        .map_err(|e| e.to_string())?;
    bar.finish();
    println!(
        "search index of {} partners built in {:.1} s in {}",
        search.len(),
        started.elapsed().as_secs_f64(),
        config.search_index_dir.display()
    );
    Ok(())
}

async fn bench_search(
    config: &Config,
    params: SearchParams,
    iterations: u32,
) -> Result<(), String> {
    let db = open(config).await?;
    let search = DirectorySearch::start(db, Some(config.search_index_dir.clone()))
        .await
        .map_err(|e| e.to_string())?;
    let query = params
        .parse()
        .map_err(|errors| format!("invalid search: {errors:?}"))?;
    let first = search.search(&query).await.map_err(|e| e.to_string())?;
    let mut timings = Vec::with_capacity(iterations as usize);
    for _ in 0..iterations {
        let started = std::time::Instant::now();
        search.search(&query).await.map_err(|e| e.to_string())?;
        timings.push(started.elapsed());
    }
    timings.sort_unstable();
    let at = |fraction: f64| {
        timings[((timings.len() as f64 * fraction) as usize).min(timings.len() - 1)]
    };
    println!(
        "{:?} country {:?} size {:?} city {:?}: {} matches; {iterations} runs in this process: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        params.q,
        params.country,
        params.size,
        params.city,
        first.total,
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3,
    );
    Ok(())
}

async fn create_user(
    config: &Config,
    email: &str,
    name: &str,
    tenant: Option<&str>,
    partner: Option<&str>,
    roles: &[RoleArg],
) -> Result<(), String> {
    let email = EmailAddress::parse(email)
        .map_err(|_| format!("{email:?} is not a valid email address"))?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err("--name must have 1 to 200 characters".to_owned());
    }
    let raw_password = match std::env::var("PARTNERHUB_NEW_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            eprintln!("password (at least {} characters):", Password::MIN_LEN);
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let password = Password::parse_new(&raw_password).map_err(|_| {
        format!(
            "the password must have {} to {} characters",
            Password::MIN_LEN,
            Password::MAX_LEN
        )
    })?;
    let db = open(config).await?;
    let organization = match (tenant, partner) {
        (Some(domain), _) => {
            let domain = TenantDomain::parse(domain)
                .map_err(|_| format!("{domain:?} is not a valid domain"))?;
            let id = db::tenants::find_by_domain(&db.pool, &domain)
                .await
                .map_err(|e| e.to_string())?;
            NewUserOrganization::Tenant(
                id.ok_or_else(|| format!("no tenant has the domain {}", domain.as_str()))?,
            )
        }
        (None, Some(name)) => {
            let id = db::partners::find_by_name(&db.pool, name)
                .await
                .map_err(|e| e.to_string())?;
            if !roles.is_empty() {
                return Err("admin roles belong to tenant members, not partner agents".to_owned());
            }
            NewUserOrganization::Partner(id.ok_or_else(|| format!("no partner is named {name:?}"))?)
        }
        (None, None) => return Err("give --tenant or --partner".to_owned()),
    };
    let hash = app::server::password::hash(password)
        .await
        .map_err(|_| "hashing the password failed".to_owned())?;
    let roles: Vec<AdminRole> = roles.iter().map(|role| (*role).into()).collect();
    let user = NewUser {
        organization,
        display_name: name,
        email: &email,
        password_hash: &hash,
        roles: &roles,
    };
    match db::users::insert(&db.pool, user, db::now_ms())
        .await
        .map_err(|e| e.to_string())?
    {
        Some(id) => {
            println!("created user {id} <{email}>");
            Ok(())
        }
        None => Err(format!("{email} already has an account")),
    }
}
