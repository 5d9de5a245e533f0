//! The `server` binary in a process of its own, on a database a test prepared: what one
//! request costs the server can be read off that process alone (the test process runs every
//! other test too).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct ServerProcess {
    child: Child,
    pub address: String,
}

impl ServerProcess {
    /// Starts `server serve` on `database_url` (already migrated and seeded) and waits until
    /// `/healthz` answers.
    pub async fn start(database_url: &str) -> Self {
        let port = free_port();
        let mail_folder = std::env::temp_dir().join(format!("partnerhub-mail-process-{port}"));
        let search_index = std::env::temp_dir().join(format!("partnerhub-search-process-{port}"));
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("DATABASE_URL", database_url)
            .env("LISTEN_ADDR", format!("127.0.0.1:{port}"))
            .env("MAIL_FOLDER", mail_folder)
            .env("SEARCH_INDEX_DIR", search_index)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("the server binary starts");
        let process = Self {
            child,
            address: format!("http://127.0.0.1:{port}"),
        };
        process.wait_until_healthy().await;
        process
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
        panic!("the server process did not answer /healthz within a minute");
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on now (the kernel's pick for port 0, released at once).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}
