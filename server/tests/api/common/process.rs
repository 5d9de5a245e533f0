//! The `server` binary in a process of its own, on a database a test prepared: what one
//! request costs the server can be read off that process alone (the test process runs every
//! other test too).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct ServerProcess {
    child: Child,
    pub address: String,
    /// What the process logged (its standard error).
    log: std::path::PathBuf,
}

impl ServerProcess {
    /// Starts `server serve` on `database_url` (already migrated and seeded) and waits until
    /// `/healthz` answers.
    pub async fn start(database_url: &str) -> Self {
        Self::start_with(database_url, &[]).await
    }

    /// As `start`, with more settings (`SMTP_URL`, `METRICS_ADDR`, …).
    pub async fn start_with(database_url: &str, settings: &[(&str, &str)]) -> Self {
        Self::start_on(free_port(), database_url, settings).await
    }

    /// As `start_with`, on `port` (a server started again where its clients look).
    pub async fn start_on(port: u16, database_url: &str, settings: &[(&str, &str)]) -> Self {
        let mail_folder = std::env::temp_dir().join(format!("partnerhub-mail-process-{port}"));
        let log = std::env::temp_dir().join(format!("partnerhub-process-{port}.log"));
        let log_file = std::fs::File::create(&log).expect("the log file opens");
        let search_index = std::env::temp_dir().join(format!("partnerhub-search-process-{port}"));
        // The soak runs the release build instead.
        let binary = std::env::var_os("PARTNERHUB_SERVER_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_server").into());
        let child = Command::new(binary)
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("DATABASE_URL", database_url)
            .env("LISTEN_ADDR", format!("127.0.0.1:{port}"))
            .env("MAIL_FOLDER", mail_folder)
            .env("SEARCH_INDEX_DIR", search_index)
            .env("RUST_LOG", "warn")
            // A panic names where it happened, in the log the test reports.
            .env("RUST_BACKTRACE", "1")
            .envs(settings.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .expect("the server binary starts");
        let process = Self {
            child,
            address: format!("http://127.0.0.1:{port}"),
            log,
        };
        process.wait_until_healthy().await;
        process
    }

    /// kill -9: the process ends at once, wherever it was.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends SIGTERM and waits for the process to end; how long it took, and whether it
    /// ended well.
    pub fn terminate(&mut self) -> (Duration, bool) {
        let started = Instant::now();
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "SIGTERM sent");
        let status = self.child.wait().expect("the server process ends");
        (started.elapsed(), status.success())
    }

    /// What the process has logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// The process's resident memory now, in bytes.
    pub fn resident_bytes(&self) -> u64 {
        self.status_kb("VmRSS:") * 1024
    }

    /// The most the process has ever been resident, in bytes.
    pub fn peak_resident_bytes(&self) -> u64 {
        self.status_kb("VmHWM:") * 1024
    }

    fn status_kb(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server process runs");
        status
            .lines()
            .find_map(|line| line.strip_prefix(field))
            .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("{field} in /proc/PID/status"))
    }

    async fn wait_until_healthy(&self) {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(response) = client.get(self.url("/healthz")).send().await {
                if response.status().is_success() {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the server process did not answer /healthz within a minute; it logged:\n{}",
            self.log()
        );
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on now (the kernel's pick for port 0, released at once).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}
