//! The command line, as clap reads it.

use crate::format::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Convert, summarise, check and plot structured workouts: Intervals.icu workout text,
/// its workout_doc JSON, Zwift .zwo, .mrc / .erg course files, and Garmin FIT workouts.
#[derive(Debug, Parser)]
#[command(name = "workout", version, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 ok, 1 input error (diagnostics on stderr), 2 usage, 130 interrupted."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Print errors only, no warnings.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Fail (exit 1, writing nothing) when there is any warning.
    #[arg(long, global = true)]
    pub strict: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert a workout from one format to another.
    ///
    /// The input format comes from --from, else the input's extension, else text; when the
    /// content shows another format (XML, JSON, a course file, FIT) than the extension, or
    /// standard input has no --from, it is read as what it shows, with a warning. The output
    /// format comes from --to, else the output's extension, else text.
    Convert(ConvertArgs),
    /// Print duration, distance, power numbers, load and time in zones.
    Summary(SummaryArgs),
    /// Validate workouts; prints file:line:col diagnostics with the source line.
    Check(CheckArgs),
    /// Draw the workout profile as an SVG chart coloured by zone.
    Plot(PlotArgs),
    /// Convert every supported file in a directory, in parallel.
    Batch(BatchArgs),
}

/// `--force` as the policy for an output that exists.
pub fn existing(force: bool) -> crate::io::Existing {
    if force {
        crate::io::Existing::Replace
    } else {
        crate::io::Existing::Refuse
    }
}

/// Where a workout comes from.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Input file; `-` or absent reads standard input.
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// Input format (default: from the extension, or the content when it shows another,
    /// else text).
    #[arg(long, value_parser = crate::format::parser(), value_name = "FMT")]
    pub from: Option<Format>,
}

/// The workout's sport and the athlete's thresholds, for targets given relative to them.
/// A threshold left out comes from the input (an .erg FTP header, a record's fields), else
/// from the sport's documented defaults, which `summary` names.
#[derive(Debug, Args, Default)]
#[command(next_help_heading = "Athlete")]
pub struct AthleteArgs {
    /// Functional threshold power in watts (default: the input's, else 200).
    #[arg(long, value_name = "W")]
    pub ftp: Option<f64>,
    /// Lactate threshold heart rate in bpm (default: the input's, else 170).
    #[arg(long, value_name = "BPM")]
    pub lthr: Option<f64>,
    /// Maximum heart rate in bpm (default: the input's, else 190).
    #[arg(long = "max-hr", value_name = "BPM")]
    pub max_hr: Option<f64>,
    /// Threshold pace with its unit: 4:30/km, 1:45/100m, 7:00/mi, or a speed such as
    /// 3.7m/s (default: the input's, else 4:30/km, 2:00/100m for swims).
    #[arg(long = "threshold-pace", value_name = "PACE")]
    pub threshold_pace: Option<String>,
    /// The workout's sport, over the one the input names: any Intervals.icu activity type,
    /// in any case (Ride, VirtualRide, Run, TrailRun, Swim, Rowing, WeightTraining, …).
    #[arg(long, value_parser = crate::athlete::parse_sport, value_name = "TYPE")]
    pub sport: Option<workout_doc::Sport>,
}

/// `workout convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format (default: from the output's extension, else text).
    #[arg(long, value_parser = crate::format::parser(), value_name = "FMT")]
    pub to: Option<Format>,
    /// Output file; `-` or absent writes standard output.
    #[arg(short, long, value_name = "OUTPUT")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists (never the input).
    #[arg(long)]
    pub force: bool,
    /// FIT only: how far either side of a single target value the device's range reaches,
    /// such as 5% or 10W (default 3%; 0 writes single values).
    #[arg(long, value_parser = crate::format::parse_spread, value_name = "RANGE")]
    pub range: Option<workout_doc::fit::Spread>,
    #[command(flatten)]
    pub athlete: AthleteArgs,
}

/// `workout summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub athlete: AthleteArgs,
}

/// `workout check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to check; none (or `-`) reads standard input.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Format of every input (default: from each extension, else text).
    #[arg(long, value_parser = crate::format::parser(), value_name = "FMT")]
    pub from: Option<Format>,
}

/// `workout plot`.
#[derive(Debug, Args)]
pub struct PlotArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The SVG file to write; `-` writes standard output.
    #[arg(short, long, value_name = "SVG")]
    pub output: PathBuf,
    /// Replace the SVG file if it exists (never the input).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub athlete: AthleteArgs,
}

/// `workout batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Directory to convert (searched recursively for .txt, .json, .zwo, .mrc, .erg and .fit).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Output format.
    #[arg(long, value_parser = crate::format::parser(), value_name = "FMT")]
    pub to: Format,
    /// Output directory (created if missing); sub-directories mirror DIR.
    #[arg(short, long, value_name = "OUTDIR")]
    pub output: PathBuf,
    /// Replace output files that already exist (never an input).
    #[arg(long)]
    pub force: bool,
    /// Leave output files that already exist, and convert the others.
    #[arg(long, conflicts_with = "force")]
    pub skip_existing: bool,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// FIT only: how far either side of a single target value the device's range reaches,
    /// such as 5% or 10W (default 3%; 0 writes single values).
    #[arg(long, value_parser = crate::format::parse_spread, value_name = "RANGE")]
    pub range: Option<workout_doc::fit::Spread>,
    #[command(flatten)]
    pub athlete: AthleteArgs,
}
