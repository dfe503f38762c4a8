//! Reading inputs (files or standard input) never past the input limit, and writing outputs
//! so that no file is ever lost.
//!
//! An output is written to a temporary file beside it, created new (`O_EXCL`, a random
//! name, so a planted link is never followed), synced, and only then given its name: without
//! `--force` by a rename that fails if the name exists (so two runs never replace each
//! other's files), with `--force` by one that replaces it, keeping its permissions. No
//! command writes over one of its own inputs, `--force` or not. SIGINT and SIGTERM, once
//! [`watch_interrupts`] is called, stop the command between files: the temporary file in
//! flight is removed, and the command ends with [`Interrupted`].

use anyhow::{anyhow, Result};
use std::collections::HashSet;
use std::fs::OpenOptions;
use std::io::{ErrorKind, IsTerminal as _, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use workout_doc::limits::MAX_INPUT_BYTES;

/// An input as read: its display name and bytes.
#[derive(Debug)]
pub struct Input {
    /// The path as given, or `<stdin>`, safe to print.
    pub name: String,
    /// Everything it holds, up to the input limit.
    pub bytes: Vec<u8>,
}

/// An input's display name and contents, as the format it is read as takes them.
#[derive(Debug)]
pub struct Source {
    /// The path as given, or `<stdin>`, safe to print.
    pub name: String,
    /// The whole text (empty for a binary input).
    pub text: String,
    /// The bytes of a binary input (FIT); empty for text.
    pub bytes: Vec<u8>,
}

impl Source {
    /// `input` as UTF-8 text (a leading byte-order mark dropped), or as bytes when
    /// `binary`; an error says where the first byte that is not UTF-8 is.
    pub fn new(input: Input, binary: bool) -> Result<Source> {
        let Input { name, bytes } = input;
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
    }
}

/// True when `path` means standard input or output.
pub fn is_stdio(path: Option<&Path>) -> bool {
    match path {
        None => true,
        Some(p) => p.as_os_str() == "-",
    }
}

/// A path as messages show it: control characters escaped, cut when very long.
pub fn shown(path: &Path) -> String {
    workout_doc::printable(&path.display().to_string(), 200).into_owned()
}

/// Reads `path` (or standard input for `None` / `-`). Any kind of file is read (a device,
/// a FIFO), never more than the input limit. Reading a terminal, it first says so.
pub fn read_input(path: Option<&Path>) -> Result<Input> {
    match path.filter(|p| !is_stdio(Some(p))) {
        None => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                crate::diag::note(
                    "reading the workout from the terminal: type it, then Ctrl-D (or give a file)",
                );
            }
            let bytes = read_bounded(stdin.lock(), "<stdin>")?;
            Ok(Input {
                name: "<stdin>".into(),
                bytes,
            })
        }
        Some(path) => read_file(path, false),
    }
}

/// Reads `path` as [`read_input`] does, if it is a regular file: anything else (a FIFO
/// that would block, a device) is refused without waiting on it.
pub fn read_regular(path: &Path) -> Result<Input> {
    read_file(path, true)
}

fn read_file(path: &Path, regular_only: bool) -> Result<Input> {
    let name = shown(path);
    let cannot = |why: String| anyhow!("cannot read {name}: {why}");
    let mut options = OpenOptions::new();
    options.read(true);
    // Opening a FIFO waits for a writer unless it is opened non-blocking; reads of a
    // regular file are the same either way.
    #[cfg(unix)]
    if regular_only {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| cannot(reason(&e)))?;
    let meta = file.metadata().map_err(|e| cannot(reason(&e)))?;
    if meta.is_dir() {
        return Err(cannot("it is a directory".into()));
    }
    if regular_only && !meta.is_file() {
        return Err(cannot("not a regular file".into()));
    }
    if meta.is_file() && meta.len() > MAX_INPUT_BYTES as u64 {
        return Err(cannot(format!(
            "{} bytes is over the input limit of {MAX_INPUT_BYTES}",
            meta.len()
        )));
    }
    let bytes = read_bounded(file, &name)?;
    Ok(Input { name, bytes })
}

/// All of `reader`, or an error once it gives more than the input limit: at most one byte
/// past the limit is read, whatever the source.
fn read_bounded(reader: impl Read, name: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow!("cannot read {name}: {}", reason(&e)))?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(anyhow!(
            "cannot read {name}: more than the input limit of {MAX_INPUT_BYTES} bytes"
        ));
    }
    Ok(bytes)
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
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::AlreadyExists => "it already exists".into(),
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

/// What to do when an output file exists already: one policy for every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Fail with a message that names `--force` (the default).
    Refuse,
    /// Replace it (`--force`), keeping its permissions.
    Replace,
    /// Leave it and say so (`batch --skip-existing`).
    Skip,
}

/// What became of an output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrote {
    /// The file was written.
    Written,
    /// It exists and [`Existing::Skip`] left it.
    Skipped,
}

/// The command was stopped by SIGINT or SIGTERM (exit code 130); what it did so far is
/// reported, and no temporary file is left.
#[derive(Debug)]
pub struct Interrupted;

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}

/// Set by SIGINT or SIGTERM once [`watch_interrupts`] is called.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// From now on SIGINT and SIGTERM only set a flag, which the command checks between files
/// and before giving an output its name; a second signal ends the process at once.
pub fn watch_interrupts() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Without the handler (it can fail only if another one is set) the default stays:
        // the process ends, and a temporary file in flight may be left.
        let _ = ctrlc::set_handler(|| {
            if INTERRUPTED.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    });
}

/// True once SIGINT or SIGTERM arrived (see [`watch_interrupts`]).
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Writes the outputs of one command: never over one of its inputs, and existing files as
/// its [`Existing`] policy says.
pub struct Writer {
    existing: Existing,
    /// True for the canonical path of an input.
    is_input: Box<dyn Fn(&Path) -> bool + Send + Sync>,
}

impl Writer {
    /// A writer for a command that reads `inputs` (standard input names no file).
    pub fn new<'a>(existing: Existing, inputs: impl IntoIterator<Item = &'a Path>) -> Self {
        let inputs: HashSet<PathBuf> = inputs
            .into_iter()
            .filter(|p| !is_stdio(Some(p)))
            .filter_map(|p| p.canonicalize().ok())
            .collect();
        Writer::with_inputs(existing, move |path| inputs.contains(path))
    }

    /// A writer for a command whose inputs are the canonical paths `is_input` is true for
    /// (a rule, where a list of them all would be too long to keep).
    pub fn with_inputs(
        existing: Existing,
        is_input: impl Fn(&Path) -> bool + Send + Sync + 'static,
    ) -> Self {
        watch_interrupts();
        Writer {
            existing,
            is_input: Box::new(is_input),
        }
    }

    /// Writes `bytes` to `path`, or to standard output for `None` / `-`.
    pub fn write_output(&self, path: Option<&Path>, bytes: &[u8]) -> Result<Wrote> {
        match path.filter(|p| !is_stdio(Some(p))) {
            Some(path) => self.write(path, bytes),
            None => {
                write_stdout(bytes)?;
                Ok(Wrote::Written)
            }
        }
    }

    /// Whether to write `path`, known before the output is made: an error if it is an input,
    /// or exists and may not be replaced; `false` if it exists and is to be skipped.
    pub fn check(&self, path: &Path) -> Result<bool> {
        let name = shown(path);
        if self.is_input(path) {
            return Err(anyhow!(
                "cannot write {name}: it is an input of this command"
            ));
        }
        let exists = path.symlink_metadata().is_ok();
        match self.existing {
            Existing::Refuse if exists => Err(already_exists(&name)),
            Existing::Skip if exists => Ok(false),
            _ => Ok(true),
        }
    }

    /// Writes `bytes` to the file `path` (see the module docs).
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<Wrote> {
        if !self.check(path)? {
            return Ok(Wrote::Skipped);
        }
        let name = shown(path);
        let cannot = |e: std::io::Error| anyhow!("cannot write {name}: {}", reason(&e));
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let file_name = path
            .file_name()
            .ok_or_else(|| anyhow!("cannot write {name}: not a file name"))?;
        let mut prefix = std::ffi::OsString::from(".");
        prefix.push(file_name);
        prefix.push(".");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // New files get the usual mode (0666 less the umask), not a temporary file's 0600.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let mut tmp = builder.tempfile_in(dir).map_err(cannot)?;
        if self.existing == Existing::Replace {
            if let Ok(meta) = std::fs::metadata(path) {
                tmp.as_file()
                    .set_permissions(meta.permissions())
                    .map_err(cannot)?;
            }
        }
        tmp.write_all(bytes).map_err(cannot)?;
        tmp.as_file().sync_all().map_err(cannot)?;
        if interrupted() {
            // Dropped, the temporary file is removed.
            return Err(Interrupted.into());
        }
        let persisted = match self.existing {
            Existing::Replace => tmp.persist(path),
            Existing::Refuse | Existing::Skip => tmp.persist_noclobber(path),
        };
        match persisted {
            Ok(_) => Ok(Wrote::Written),
            Err(e) if e.error.kind() == ErrorKind::AlreadyExists => match self.existing {
                Existing::Skip => Ok(Wrote::Skipped),
                _ => Err(already_exists(&name)),
            },
            Err(e) => Err(cannot(e.error)),
        }
    }

    /// True when `path` names one of the inputs (the same file once links are followed).
    fn is_input(&self, path: &Path) -> bool {
        let canonical = path.canonicalize().ok().or_else(|| {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            Some(dir.canonicalize().ok()?.join(path.file_name()?))
        });
        canonical.is_some_and(|c| (self.is_input)(&c))
    }
}

fn already_exists(name: &str) -> anyhow::Error {
    anyhow!("{name} already exists; pass --force to replace it")
}

/// Writes `bytes` to standard output.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .or_else(|e| {
            // A closed pipe (`| head`) is not an error worth a message.
            if e.kind() == ErrorKind::BrokenPipe {
                Ok(())
            } else {
                Err(e)
            }
        })
        .map_err(|e| anyhow!("cannot write standard output: {}", reason(&e)))
}
