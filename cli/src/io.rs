//! Reading inputs (files or standard input) and writing outputs without leaving partial
//! files behind.

use anyhow::{anyhow, Context, Result};
use std::io::{Read, Write};
use std::path::Path;
use workout_doc::limits::MAX_INPUT_BYTES;

/// An input's display name and contents.
#[derive(Debug)]
pub struct Source {
    /// The path as given, or `<stdin>`.
    pub name: String,
    /// The whole text (empty for a binary input).
    pub text: String,
    /// The bytes of a binary input (FIT); empty for text.
    pub bytes: Vec<u8>,
}

/// True when `path` means standard input or output.
pub fn is_stdio(path: Option<&Path>) -> bool {
    match path {
        None => true,
        Some(p) => p.as_os_str() == "-",
    }
}

/// Reads `path` (or standard input for `None` / `-`): as UTF-8 text, or as bytes when
/// `binary`.
pub fn read_source(path: Option<&Path>, binary: bool) -> Result<Source> {
    let source = |name: String, bytes: Vec<u8>| -> Result<Source> {
        Ok(if binary {
            Source {
                name,
                text: String::new(),
                bytes,
            }
        } else {
            Source {
                text: decode(&name, bytes)?,
                name,
                bytes: Vec::new(),
            }
        })
    };
    if is_stdio(path) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        return source("<stdin>".into(), bytes);
    }
    let path = path.unwrap_or(Path::new("-"));
    let name = path.display().to_string();
    let meta =
        std::fs::metadata(path).map_err(|e| anyhow!("cannot read {name}: {}", reason(&e)))?;
    if meta.is_dir() {
        return Err(anyhow!("cannot read {name}: it is a directory"));
    }
    if meta.len() > MAX_INPUT_BYTES as u64 {
        return Err(anyhow!(
            "cannot read {name}: {} bytes is over the input limit of {MAX_INPUT_BYTES}",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| anyhow!("cannot read {name}: {}", reason(&e)))?;
    source(name, bytes)
}

/// UTF-8 text, or an error that says where the first bad byte is. A leading byte-order
/// mark is dropped.
fn decode(name: &str, bytes: Vec<u8>) -> Result<String> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..'\u{feff}'.len_utf8());
            }
            Ok(s)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let valid = std::str::from_utf8(bytes.get(..at).unwrap_or_default()).unwrap_or("");
            let p = workout_doc::Position::of(valid, valid.len());
            let byte = bytes.get(at).copied().unwrap_or_default();
            Err(anyhow!(
                "cannot read {name}: not a text file (byte 0x{byte:02x} at {}:{} is not utf-8)",
                p.line,
                p.column
            ))
        }
    }
}

/// The OS error without its "(os error 2)" suffix, lowercased like the library's messages.
pub fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::AlreadyExists => "it already exists".into(),
        _ => {
            let s = e.to_string();
            let s = s.split(" (os error").next().unwrap_or_default();
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_lowercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// Writes `bytes` to `path`, or to standard output for `None` / `-`.
///
/// A file is written to a temporary file beside it and renamed into place, so a failure
/// never leaves a partial file. Without `force`, an existing file is an error.
pub fn write_output(path: Option<&Path>, bytes: &[u8], force: bool) -> Result<()> {
    if is_stdio(path) {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes)
            .and_then(|()| out.flush())
            .or_else(|e| {
                // A closed pipe (`| head`) is not an error worth a message.
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    Ok(())
                } else {
                    Err(e)
                }
            })
            .map_err(|e| anyhow!("cannot write standard output: {}", reason(&e)));
    }
    let path = path.unwrap_or(Path::new("-"));
    write_file(path, bytes, force)
}

/// Atomically writes `bytes` to `path` (temporary file + rename).
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let name = path.display();
    if !force && path.exists() {
        return Err(anyhow!("{name} already exists; pass --force to replace it"));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| anyhow!("cannot write {name}: not a file name"))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if !force && path.exists() {
            return Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists));
        }
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(anyhow!("cannot write {name}: {}", reason(&e)));
    }
    Ok(())
}
