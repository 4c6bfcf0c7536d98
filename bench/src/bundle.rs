//! The size of the browser bundle a first visit downloads, raw and gzipped (`gzip -9`, what a
//! server compressing at build time would send).

use std::{path::Path, process::Command};

pub fn report(wasm: &Path) {
    let raw = match std::fs::metadata(wasm) {
        Ok(meta) => meta.len(),
        Err(error) => {
            println!("wasm bundle: cannot read {}: {error}", wasm.display());
            return;
        }
    };
    let gzipped = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(wasm)
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| out.stdout.len());
    match gzipped {
        Some(gz) => println!(
            "wasm bundle: {raw} bytes, {gz} bytes gzipped ({:.0} KB)",
            gz as f64 / 1000.0
        ),
        None => println!("wasm bundle: {raw} bytes (gzip not available)"),
    }
}
