//! `workout batch`: convert every supported file under a directory, in parallel.
//!
//! Only regular files are read (a FIFO or device found under the directory is named as
//! skipped, never waited on). Each file is read, parsed, written to bytes and then written
//! as every output is (see [`crate::io`]): a file that fails leaves nothing behind, an
//! existing output is kept unless `--force` (or left, and counted, with `--skip-existing`),
//! and no input is ever written over. SIGINT or SIGTERM stops the batch between files and
//! prints what was done so far.
//!
//! The tree is walked twice, one folder at a time ([`tree`]): first to count the inputs
//! and check that every folder can be read, before anything is written; then to convert
//! each folder's files in parallel, reporting their failures and warnings in path order as
//! they end, before going on. What is kept per file does not outlive it: memory grows with
//! the largest folder (its entries, and the outputs planned for them) and the depth of the
//! tree, not with the number of files. Kept to the end: the names of the files that
//! failed, to be listed, and where each input that is a link leads.

mod tree;

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
use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tree::{Entry, Tree};
use workout_doc::fit::Spread;

/// Files converted in parallel before their reports are printed and dropped: what is kept
/// of a folder's outcomes stays this many, however large the folder (a folder of 10,000
/// texts: 8.7–9.0 MB peak RSS, 17.5–17.8 MB with all its outcomes kept at once).
const CHUNK: usize = 256;

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

/// How the files met so far ended: counts, and the names of those that failed.
#[derive(Default)]
struct Tally {
    total: usize,
    converted: usize,
    skipped: usize,
    stopped: usize,
    failed: Vec<String>,
    /// Outputs written into folders of the tree not walked yet (relative to the
    /// directory): the walk passes over them there (see [`Batch::convert_files`]).
    ahead: HashSet<PathBuf>,
}

pub fn run(a: &BatchArgs) -> Result<()> {
    let given = a.athlete.given()?;
    let spread = crate::format::spread(a.to, a.range)?;
    if a.jobs == Some(0) {
        return Err(Usage("invalid value '0' for '--jobs': expected at least 1".into()).into());
    }
    let dir_name = shown(&a.dir);
    let cannot_read = |e: std::io::Error| anyhow!("cannot read {dir_name}: {}", reason(&e));
    let meta = std::fs::metadata(&a.dir).map_err(cannot_read)?;
    if !meta.is_dir() {
        return Err(anyhow!("cannot read {dir_name}: not a directory"));
    }
    std::fs::create_dir_all(&a.output)
        .map_err(|e| anyhow!("cannot create {}: {}", shown(&a.output), reason(&e)))?;
    let mut tree = Tree::new(&a.dir, &a.output).map_err(cannot_read)?;
    let found = survey(&mut tree, &a.dir).map_err(cannot_read)?;
    if found == 0 {
        return Err(anyhow!(
            "no .txt, .json, .zwo, .mrc, .erg or .fit files in {dir_name}"
        ));
    }
    let existing = match (a.force, a.skip_existing) {
        (true, _) => Existing::Replace,
        (_, true) => Existing::Skip,
        _ => Existing::Refuse,
    };
    let tree = Arc::new(tree);
    let writer = Writer::with_inputs(existing, {
        let tree = Arc::clone(&tree);
        move |path| tree.holds(path)
    });

    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(found as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let batch = Batch {
        dir: &a.dir,
        outdir: &a.output,
        to: a.to,
        given: &given,
        spread,
        tree: &tree,
        writer: &writer,
        bar: &bar,
    };
    let convert_all = || {
        let mut tally = Tally::default();
        let walked = batch.folder(&a.dir, &mut tally);
        (tally, walked)
    };
    let (tally, walked) = match a.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| anyhow!("cannot start worker threads: {e}"))?
            .install(convert_all),
        None => convert_all(),
    };
    bar.finish_and_clear();

    let Tally {
        total,
        converted: done,
        skipped,
        stopped,
        failed,
        ..
    } = tally;
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
    if !failed.is_empty() {
        // The list to act on, last, whatever scrolled by above it.
        let head = format!("{} file{} failed:", failed.len(), plural(failed.len()));
        diag::emit(&Diagnostic::plain(Kind::Error, head).with_list(failed.iter().cloned()));
    }
    // A folder that could be read in the survey but no longer can.
    walked.map_err(cannot_read)?;
    if stopped > 0 || interrupted() {
        let message = format!("{stopped} file{} not converted", plural(stopped));
        diag::emit(&Diagnostic::plain(Kind::Error, message));
        return Err(Interrupted.into());
    }
    if !failed.is_empty() {
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

/// Walks the tree under `dir` before anything is written: counts the inputs, names the
/// entries it skips, and notes where the inputs that are links lead (see [`Tree::holds`]).
fn survey(tree: &mut Tree, dir: &Path) -> std::io::Result<usize> {
    let mut found = 0;
    for entry in tree.entries(dir)? {
        match entry {
            Entry::File(path) => {
                tree.note_input(&path);
                found += 1;
            }
            Entry::Irregular(path) => {
                let message = "skipped: not a regular file";
                diag::emit(&Diagnostic::about(Kind::Warning, &shown(&path), message));
            }
            Entry::Folder(path) => found += survey(tree, &path)?,
        }
    }
    Ok(found)
}

/// A batch under way: what converting a file takes.
struct Batch<'a> {
    dir: &'a Path,
    outdir: &'a Path,
    to: Format,
    given: &'a Given,
    spread: Spread,
    tree: &'a Tree,
    writer: &'a Writer,
    bar: &'a ProgressBar,
}

impl Batch<'_> {
    /// Converts the files of `folder` and, in their place in path order, of the folders in
    /// it; the files between two folders in parallel.
    fn folder(&self, folder: &Path, tally: &mut Tally) -> std::io::Result<()> {
        // The outputs planned in this folder (no other folder's can be the same), and the
        // input that becomes each.
        let mut planned = HashMap::new();
        let mut run = Vec::new();
        let at = folder.strip_prefix(self.dir).unwrap_or(folder);
        for entry in self.tree.entries(folder)? {
            match entry {
                Entry::File(input) => {
                    let rel = input.strip_prefix(self.dir).unwrap_or(&input);
                    if !tally.ahead.remove(rel) {
                        run.push(self.job(input, &mut planned));
                    }
                }
                // Named by the survey.
                Entry::Irregular(_) => {}
                Entry::Folder(sub) => {
                    self.convert_files(&std::mem::take(&mut run), at, tally);
                    self.folder(&sub, tally)?;
                }
            }
        }
        self.convert_files(&run, at, tally);
        Ok(())
    }

    /// The job for `input`: its output mirrors the input tree, and clashes when another
    /// input of the folder already becomes it.
    fn job(&self, input: PathBuf, planned: &mut HashMap<PathBuf, PathBuf>) -> Job {
        let rel = input.strip_prefix(self.dir).unwrap_or(&input);
        let output = self.outdir.join(rel).with_extension(self.to.extension());
        let clash = planned.get(&output).cloned();
        if clash.is_none() {
            planned.insert(output.clone(), input.clone());
        }
        Job {
            input,
            output,
            clash,
        }
    }

    /// Converts `jobs`, files of the folder `at` (relative to the directory), in parallel,
    /// a chunk at a time, and reports each chunk in order. Outputs are written into one
    /// folder; when it is a folder of the tree the walk has yet to read (`-o` above the
    /// directory, or through a link), they are noted so as not to be read as inputs.
    fn convert_files(&self, jobs: &[Job], at: &Path, tally: &mut Tally) {
        for chunk in jobs.chunks(CHUNK) {
            let outcomes: Vec<Outcome> = chunk
                .par_iter()
                .map(|job| {
                    let outcome = convert(job, self.to, self.given, self.spread, self.writer);
                    self.bar.inc(1);
                    outcome
                })
                .collect();
            self.bar.suspend(|| {
                for d in outcomes.iter().flat_map(|o| &o.report) {
                    diag::emit(d);
                }
            });
            let ahead = chunk
                .first()
                .and_then(|job| self.tree.folder_of(job.output.parent()?))
                .filter(|folder| folder.as_path() > at);
            for (job, outcome) in chunk.iter().zip(outcomes) {
                tally.total += 1;
                if let (Some(folder), End::Converted) = (&ahead, outcome.end) {
                    if let Some(name) = job.output.file_name() {
                        tally.ahead.insert(folder.join(name));
                    }
                }
                match outcome.end {
                    End::Converted => tally.converted += 1,
                    End::Skipped => tally.skipped += 1,
                    End::Stopped => tally.stopped += 1,
                    End::Failed => tally.failed.push(shown(&job.input)),
                }
            }
        }
    }
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
