//! A throwaway X display for the desktop end-to-end tests, stopped when dropped.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Result};

pub struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    /// Starts Xvfb on the first free display from :99, at the station laptop's 1366×768.
    pub fn start() -> Result<Xvfb> {
        let n = (99..199)
            .find(|n| !std::path::Path::new(&format!("/tmp/.X{n}-lock")).exists())
            .unwrap_or(99);
        let display = format!(":{n}");
        let child = crate::sh::cmd("Xvfb")
            .args([&display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let mut x = Xvfb { child, display };
        let socket = format!("/tmp/.X11-unix/X{n}");
        let t = Instant::now();
        while !std::path::Path::new(&socket).exists() {
            if let Some(status) = x.child.try_wait()? {
                bail!("Xvfb {} exited at start ({status})", x.display);
            }
            if t.elapsed() > Duration::from_secs(10) {
                bail!("Xvfb {} did not come up in 10 s", x.display);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        println!("Xvfb running on {}", x.display);
        Ok(x)
    }

    pub fn name(&self) -> &str {
        &self.display
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
