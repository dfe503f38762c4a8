//! `workout batch`: convert every supported file under a directory, in parallel.
//!
//! Only regular files are read (a FIFO or device found under the directory is named as
//! skipped, never waited on). Each file is read, parsed, written to bytes and then written
//! as every output is (see [`crate::io`]): a file that fails leaves nothing behind, an
//! existing output is kept unless `--force` (or left, and counted, with `--skip-existing`),
//! and no input is ever written over. SIGINT or SIGTERM stops the batch between files and
//! prints what was done so far. Failures and warnings are reported per file at the end, in
//! path order.

use super::{input_format, parse, require_steps};
use crate::args::BatchArgs;
use crate::athlete::Given;
use crate::diag::{self, Diagnostic, Kind};
use crate::format::Format;
use crate::io::{
    interrupted, read_regular, reason, shown, Existing, Interrupted, Source, Writer, Wrote,
};
use crate::{Reported, Usage};
use anyhow::{anyhow, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use workout_doc::fit::Spread;

/// One file to convert.
struct Job {
    input: PathBuf,
    output: PathBuf,
    /// Set when the job cannot run (another input maps to the same output).
    clash: Option<PathBuf>,
}

/// What converting one file gave: diagnostics to print, and how it ended.
struct Outcome {
    report: Vec<Diagnostic>,
    end: End,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    Converted,
    Failed,
    /// The output exists and `--skip-existing` left it.
    Skipped,
    /// Not converted: the batch was interrupted first.
    Stopped,
}

pub fn run(a: &BatchArgs) -> Result<()> {
    let given = a.athlete.given()?;
    let spread = crate::format::spread(a.to, a.range)?;
    if a.jobs == Some(0) {
        return Err(Usage("invalid value '0' for '--jobs': expected at least 1".into()).into());
    }
    let dir_name = shown(&a.dir);
    let meta =
        std::fs::metadata(&a.dir).map_err(|e| anyhow!("cannot read {dir_name}: {}", reason(&e)))?;
    if !meta.is_dir() {
        return Err(anyhow!("cannot read {dir_name}: not a directory"));
    }
    std::fs::create_dir_all(&a.output)
        .map_err(|e| anyhow!("cannot create {}: {}", shown(&a.output), reason(&e)))?;
    let skip = strict_subdir(&a.dir, &a.output);
    let mut found = Found::default();
    collect(&a.dir, skip.as_deref(), &mut found)
        .map_err(|e| anyhow!("cannot read {dir_name}: {}", reason(&e)))?;
    for path in &found.irregular {
        let message = "skipped: not a regular file";
        diag::emit(&Diagnostic::about(Kind::Warning, &shown(path), message));
    }
    let mut inputs = found.files;
    inputs.sort();
    if inputs.is_empty() {
        return Err(anyhow!(
            "no .txt, .json, .zwo, .mrc, .erg or .fit files in {dir_name}"
        ));
    }
    let existing = match (a.force, a.skip_existing) {
        (true, _) => Existing::Replace,
        (_, true) => Existing::Skip,
        _ => Existing::Refuse,
    };
    let writer = Writer::new(existing, inputs.iter().map(PathBuf::as_path));
    let jobs = plan(&a.dir, &a.output, a.to, inputs);

    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(jobs.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let convert_all = || {
        jobs.par_iter()
            .map(|job| {
                let outcome = convert(job, a.to, &given, spread, &writer);
                bar.inc(1);
                outcome
            })
            .collect::<Vec<Outcome>>()
    };
    let outcomes = match a.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| anyhow!("cannot start worker threads: {e}"))?
            .install(convert_all),
        None => convert_all(),
    };
    bar.finish_and_clear();

    for d in outcomes.iter().flat_map(|o| &o.report) {
        diag::emit(d);
    }
    let count = |end: End| outcomes.iter().filter(|o| o.end == end).count();
    let (done, failed, skipped, stopped) = (
        count(End::Converted),
        count(End::Failed),
        count(End::Skipped),
        count(End::Stopped),
    );
    let total = jobs.len();
    let mut summary = format!(
        "converted {done} of {total} file{} to {} in {}",
        plural(total),
        a.to,
        shown(&a.output)
    );
    if skipped > 0 {
        summary.push_str(&format!("; {skipped} skipped: their outputs exist"));
    }
    println!("{summary}");
    if failed > 0 {
        // The list to act on, last, whatever scrolled by above it.
        let names = jobs
            .iter()
            .zip(&outcomes)
            .filter(|(_, o)| o.end == End::Failed)
            .map(|(job, _)| shown(&job.input));
        let head = format!("{failed} file{} failed:", plural(failed));
        diag::emit(&Diagnostic::plain(Kind::Error, head).with_list(names));
    }
    if stopped > 0 || interrupted() {
        let message = format!("{stopped} file{} not converted", plural(stopped));
        diag::emit(&Diagnostic::plain(Kind::Error, message));
        return Err(Interrupted.into());
    }
    if failed > 0 {
        return Err(Reported.into());
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `inner` relative to `outer` when it is strictly inside it (so the walk skips it).
fn strict_subdir(outer: &Path, inner: &Path) -> Option<PathBuf> {
    let outer = outer.canonicalize().ok()?;
    let inner = inner.canonicalize().ok()?;
    (inner != outer && inner.starts_with(&outer)).then_some(inner)
}

/// What the walk found: the files to convert, and the other kinds of file it skipped.
#[derive(Default)]
struct Found {
    files: Vec<PathBuf>,
    irregular: Vec<PathBuf>,
}

/// Supported files under `dir`, recursively; hidden names and `skip` are left out, and so
/// is anything but a regular file (or a link to one).
fn collect(dir: &Path, skip: Option<&Path>, out: &mut Found) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            let is_skipped = skip.is_some_and(|s| path.canonicalize().is_ok_and(|p| p == s));
            if !is_skipped {
                collect(&path, skip, out)?;
            }
        } else if crate::format::from_path(&path).is_some() {
            if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                out.files.push(path);
            } else {
                out.irregular.push(path);
            }
        }
    }
    Ok(())
}

/// Output paths mirror the input tree; a second input with the same output is a clash.
fn plan(dir: &Path, outdir: &Path, to: Format, inputs: Vec<PathBuf>) -> Vec<Job> {
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    inputs
        .into_iter()
        .map(|input| {
            let rel = input.strip_prefix(dir).unwrap_or(&input);
            let output = outdir.join(rel).with_extension(to.extension());
            let clash = seen.get(&output).cloned();
            if clash.is_none() {
                seen.insert(output.clone(), input.clone());
            }
            Job {
                input,
                output,
                clash,
            }
        })
        .collect()
}

fn convert(job: &Job, to: Format, given: &Given, spread: Spread, writer: &Writer) -> Outcome {
    let mut report = Vec::new();
    let end = if interrupted() {
        End::Stopped
    } else {
        convert_one(job, to, given, spread, writer, &mut report)
    };
    Outcome { report, end }
}

/// Converts one file, adding its diagnostics to `report`.
fn convert_one(
    job: &Job,
    to: Format,
    given: &Given,
    spread: Spread,
    writer: &Writer,
    report: &mut Vec<Diagnostic>,
) -> End {
    let name = shown(&job.input);
    if let Some(first) = &job.clash {
        return fail(
            report,
            &name,
            format!(
                "skipped: {} already becomes {}",
                shown(first),
                shown(&job.output)
            ),
        );
    }
    match writer.check(&job.output) {
        Ok(true) => {}
        Ok(false) => return End::Skipped,
        Err(e) => return failed(report, &e),
    }
    let raw = match read_regular(&job.input) {
        Ok(raw) => raw,
        Err(e) => return failed(report, &e),
    };
    let (from, note) = input_format(None, Some(&job.input), &raw);
    report.extend(note);
    let src = match Source::new(raw, from.is_binary()) {
        Ok(src) => src,
        Err(e) => return failed(report, &e),
    };
    let mut parsed = match parse(&src, from) {
        Ok(p) => p,
        Err(e) => {
            report.push(Diagnostic::error(&src.name, &src.text, &e));
            return End::Failed;
        }
    };
    for w in &parsed.warnings {
        report.push(Diagnostic::warning(&src.name, &src.text, w));
    }
    let (athlete, _) = given.apply(&mut parsed);
    if let Err(e) = require_steps(&src, from, &parsed.workout) {
        report.push(Diagnostic::plain(Kind::Error, format!("{e:#}")));
        return End::Failed;
    }
    let (bytes, warnings) = match crate::format::write(to, &parsed.workout, &athlete, spread) {
        Ok(out) => out,
        Err(e) => {
            report.push(Diagnostic::error(&src.name, &src.text, &e));
            return End::Failed;
        }
    };
    for w in &warnings {
        report.push(Diagnostic::output_warning(&src.name, &src.text, w));
    }
    let warned = report.iter().filter(|d| d.kind == Kind::Warning).count();
    if diag::is_strict() && warned > 0 {
        let message = format!("not written: {}", diag::strict_failure(warned));
        return fail(report, &name, message);
    }
    if let Some(parent) = job.output.parent() {
        if let Err(e) = std::fs::create_dir_all(parent) {
            return fail(
                report,
                &name,
                format!("cannot create {}: {}", shown(parent), reason(&e)),
            );
        }
    }
    match writer.write(&job.output, &bytes) {
        Ok(Wrote::Written) => End::Converted,
        Ok(Wrote::Skipped) => End::Skipped,
        Err(e) if e.is::<Interrupted>() => End::Stopped,
        Err(e) => failed(report, &e),
    }
}

/// Adds the error `message` about the file `name` to `report`: the file failed.
fn fail(report: &mut Vec<Diagnostic>, name: &str, message: String) -> End {
    report.push(Diagnostic::about(Kind::Error, name, &message));
    End::Failed
}

/// Adds the error `e`, whose message names the file, to `report`: the file failed.
fn failed(report: &mut Vec<Diagnostic>, e: &anyhow::Error) -> End {
    report.push(Diagnostic::plain(Kind::Error, format!("{e:#}")));
    End::Failed
}
