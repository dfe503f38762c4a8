//! `workout batch`: convert every supported file under a directory, in parallel.
//!
//! Each file is read, parsed, written to a string and then written atomically; a file that
//! fails leaves nothing behind. Existing outputs are kept unless `--force` is given.
//! Failures and warnings are reported per file at the end, in path order.

use super::{input_format, parse};
use crate::args::BatchArgs;
use crate::format::Format;
use crate::io::{read_source, reason, write_file};
use crate::{diag, Reported, Usage};
use anyhow::{anyhow, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use workout_doc::fit::Spread;
use workout_doc::Athlete;

/// One file to convert.
struct Job {
    input: PathBuf,
    output: PathBuf,
    /// Set when the job cannot run (another input maps to the same output).
    clash: Option<PathBuf>,
}

/// What converting one file gave: diagnostics to print, and whether it failed.
struct Outcome {
    report: String,
    failed: bool,
}

pub fn run(a: &BatchArgs) -> Result<()> {
    let athlete = a.athlete.athlete()?;
    let spread = crate::format::spread(a.to, a.range)?;
    if a.jobs == Some(0) {
        return Err(Usage("invalid value '0' for '--jobs': expected at least 1".into()).into());
    }
    let dir_name = a.dir.display().to_string();
    let meta =
        std::fs::metadata(&a.dir).map_err(|e| anyhow!("cannot read {dir_name}: {}", reason(&e)))?;
    if !meta.is_dir() {
        return Err(anyhow!("cannot read {dir_name}: not a directory"));
    }
    std::fs::create_dir_all(&a.output)
        .map_err(|e| anyhow!("cannot create {}: {}", a.output.display(), reason(&e)))?;
    let skip = strict_subdir(&a.dir, &a.output);
    let mut inputs = Vec::new();
    collect(&a.dir, skip.as_deref(), &mut inputs)
        .map_err(|e| anyhow!("cannot read {dir_name}: {}", reason(&e)))?;
    inputs.sort();
    if inputs.is_empty() {
        return Err(anyhow!(
            "no .txt, .json, .zwo, .mrc, .erg or .fit files in {dir_name}"
        ));
    }
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
                let outcome = convert(job, a.to, &athlete, spread, a.force);
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

    let failed = outcomes.iter().filter(|o| o.failed).count();
    for o in &outcomes {
        eprint!("{}", o.report);
    }
    let done = jobs.len() - failed;
    println!(
        "converted {done} of {} file{} to {} in {}",
        jobs.len(),
        if jobs.len() == 1 { "" } else { "s" },
        a.to,
        a.output.display()
    );
    if failed > 0 {
        eprintln!("{failed} file{} failed", if failed == 1 { "" } else { "s" });
        return Err(Reported.into());
    }
    Ok(())
}

/// `inner` relative to `outer` when it is strictly inside it (so the walk skips it).
fn strict_subdir(outer: &Path, inner: &Path) -> Option<PathBuf> {
    let outer = outer.canonicalize().ok()?;
    let inner = inner.canonicalize().ok()?;
    (inner != outer && inner.starts_with(&outer)).then_some(inner)
}

/// Supported files under `dir`, recursively; hidden names and `skip` are left out.
fn collect(dir: &Path, skip: Option<&Path>, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
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
            out.push(path);
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

fn convert(job: &Job, to: Format, athlete: &Athlete, spread: Spread, force: bool) -> Outcome {
    let fail = |report: String| Outcome {
        report,
        failed: true,
    };
    if let Some(first) = &job.clash {
        return fail(format!(
            "error: {}: skipped: {} already becomes {}\n",
            job.input.display(),
            first.display(),
            job.output.display()
        ));
    }
    if !force && job.output.exists() {
        return fail(format!(
            "error: {} already exists; pass --force to replace it\n",
            job.output.display()
        ));
    }
    let from = input_format(None, Some(&job.input));
    let src = match read_source(Some(&job.input), from.is_binary()) {
        Ok(src) => src,
        Err(e) => return fail(format!("error: {e:#}\n")),
    };
    let parsed = match parse(&src, from) {
        Ok(p) => p,
        Err(e) => return fail(diag::error(&src.name, &src.text, &e)),
    };
    let mut report: String = parsed
        .warnings
        .iter()
        .map(|w| diag::warning(&src.name, &src.text, w))
        .collect();
    let (bytes, warnings) = match crate::format::write(to, &parsed.workout, athlete, spread) {
        Ok(out) => out,
        Err(e) => return fail(report + &diag::error(&src.name, &src.text, &e)),
    };
    for w in &warnings {
        report.push_str(&diag::output_warning(&src.name, &src.text, w));
    }
    if let Some(parent) = job.output.parent() {
        if let Err(e) = std::fs::create_dir_all(parent) {
            return fail(format!(
                "{report}error: cannot create {}: {}\n",
                parent.display(),
                reason(&e)
            ));
        }
    }
    match write_file(&job.output, &bytes, force) {
        Ok(()) => Outcome {
            report,
            failed: false,
        },
        Err(e) => fail(format!("{report}error: {e:#}\n")),
    }
}
