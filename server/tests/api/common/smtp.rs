//! A small SMTP server for the tests: accepts every message and keeps it for inspection,
//! optionally taking its time to acknowledge each one (a slow relay).

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub recipients: Vec<String>,
    pub data: String,
}

impl ReceivedMail {
    /// The message's `Message-ID` header.
    pub fn message_id(&self) -> String {
        self.data
            .lines()
            .find_map(|line| line.strip_prefix("Message-ID:"))
            .map(|id| id.trim().to_owned())
            .unwrap_or_else(|| panic!("a Message-ID in {}", self.data))
    }
}

#[derive(Clone, Default)]
pub struct SmtpSink {
    pub url: String,
    received: Arc<Mutex<Vec<ReceivedMail>>>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        Self::start_with_delay(Duration::ZERO).await
    }

    /// A sink that keeps each message, then waits `delay` before acknowledging it: the
    /// sender sees every message take at least that long.
    pub async fn start_with_delay(delay: Duration) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind SMTP");
        let port = listener.local_addr().expect("address").port();
        let sink = SmtpSink {
            url: format!("smtp://127.0.0.1:{port}"),
            received: Arc::default(),
        };
        let received = sink.received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let received = received.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read).lines();
                    let _ = write.write_all(b"220 test SMTP ready\r\n").await;
                    let mut recipients = Vec::new();
                    while let Ok(Some(line)) = lines.next_line().await {
                        let command = line.to_ascii_uppercase();
                        let reply: &[u8] = if command.starts_with("EHLO")
                            || command.starts_with("HELO")
                        {
                            b"250 test\r\n"
                        } else if command.starts_with("RCPT TO:") {
                            recipients.push(line[8..].trim().trim_matches(['<', '>']).to_owned());
                            b"250 OK\r\n"
                        } else if command.starts_with("DATA") {
                            let _ = write.write_all(b"354 go ahead\r\n").await;
                            acknowledge_promptly(write.as_ref());
                            let mut data = String::new();
                            let mut complete = false;
                            while let Ok(Some(line)) = lines.next_line().await {
                                if line == "." {
                                    complete = true;
                                    break;
                                }
                                data.push_str(&line);
                                data.push('\n');
                            }
                            // A sender that went away mid-message (killed) sent nothing: a
                            // relay keeps only what ended with its final dot.
                            if !complete {
                                break;
                            }
                            received.lock().expect("lock").push(ReceivedMail {
                                recipients: std::mem::take(&mut recipients),
                                data,
                            });
                            tokio::time::sleep(delay).await;
                            b"250 queued\r\n"
                        } else if command.starts_with("QUIT") {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        } else {
                            b"250 OK\r\n"
                        };
                        if write.write_all(reply).await.is_err() {
                            break;
                        }
                    }
                });
            }
        });
        sink
    }

    pub fn received(&self) -> Vec<ReceivedMail> {
        self.received.lock().expect("lock").clone()
    }

    /// Waits up to 10 s for `count` messages.
    pub async fn wait_for(&self, count: usize) -> Vec<ReceivedMail> {
        for _ in 0..100 {
            if self.received().len() >= count {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.received()
    }
}

/// lettre writes a message and its closing `.` separately, and Nagle's algorithm holds the `.`
/// until the message is acknowledged, which Linux delays by 40 ms on a connection that looks
/// interactive: every message would take 40 ms more than the sink's own delay.
#[cfg(target_os = "linux")]
fn acknowledge_promptly(stream: &tokio::net::TcpStream) {
    // Only a speed-up: without it the sink is slower, not wrong.
    let _ = stream.set_quickack(true);
}

#[cfg(not(target_os = "linux"))]
fn acknowledge_promptly(_stream: &tokio::net::TcpStream) {}
