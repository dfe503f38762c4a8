//! Runs the built `workout` binary over fixtures and snapshots its exit code, stdout and
//! stderr. Paths in the output are relative to the workspace root, where every run starts;
//! temporary directories show as `[TMP]`.
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `workout ARGS` (with `stdin` piped in) to its end, without colour.
fn output(args: &[&str], stdin: Option<&[u8]>) -> std::process::Output {
    output_coloured(args, stdin, false)
}

/// Runs `workout ARGS` (with `stdin` piped in) to its end, with colour forced or none.
fn output_coloured(args: &[&str], stdin: Option<&[u8]>, colour: bool) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_workout"));
    if colour {
        command.env_remove("NO_COLOR").env("CLICOLOR_FORCE", "1");
    } else {
        command.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    }
    let mut child = command
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the workout binary runs");
    {
        let mut input = child.stdin.take().expect("stdin is piped");
        if let Some(bytes) = stdin {
            input.write_all(bytes).expect("stdin takes the input");
        }
    }
    child
        .wait_with_output()
        .expect("the workout binary finishes")
}

/// Runs `workout ARGS` (with `stdin` piped in) and renders the outcome for a snapshot.
fn run_in(args: &[&str], stdin: Option<&[u8]>, tmp: Option<&Path>) -> String {
    let out = output(args, stdin);
    let mut text = format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().map_or("signal".into(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if let Some(tmp) = tmp {
        text = text.replace(&tmp.display().to_string(), "[TMP]");
    }
    text
}

fn run(args: &[&str]) -> String {
    run_in(args, None, None)
}

macro_rules! snap {
    ($name:literal, $value:expr) => {
        insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

// ---- usage

#[test]
fn help_and_usage_errors() {
    snap!("help", run(&["--help"]));
    snap!("convert_help", run(&["convert", "--help"]));
    snap!("no_subcommand", run(&[]));
    snap!("unknown_format", run(&["convert", "--to", "pdf", "x.txt"]));
    snap!(
        "unknown_output_extension",
        run(&["convert", "fixtures/text/vo2max_4x8.txt", "-o", "chart.pdf"])
    );
    snap!(
        "bad_threshold_pace",
        run(&[
            "convert",
            "fixtures/text/vo2max_4x8.txt",
            "--threshold-pace",
            "fast"
        ])
    );
    snap!(
        "bad_ftp",
        run(&["convert", "fixtures/text/vo2max_4x8.txt", "--ftp", "0"])
    );
}

// ---- convert

#[test]
fn convert_text_to_json_and_back() {
    snap!(
        "convert_text_to_json",
        run(&["convert", "fixtures/text/vo2max_4x8.txt", "--to", "json"])
    );
    snap!(
        "convert_json_to_text",
        run(&["convert", "fixtures/cli/threshold.json"])
    );
    snap!(
        "convert_stdin_to_json",
        run_in(
            &["convert", "--to", "json", "--ftp", "280"],
            Some(b"Main set 2x\n- 5m 100%\n- 1m 50%\n"),
            None
        )
    );
    snap!(
        "convert_stdin_json_to_text",
        run_in(
            &["convert", "-", "--from", "json"],
            Some(br#"{"steps":[{"duration":90,"hr":{"value":80,"units":"%lthr"}}]}"#),
            None
        )
    );
    snap!(
        "convert_with_warnings",
        run(&["convert", "fixtures/cli/warn.txt"])
    );
}

#[test]
fn convert_bad_input() {
    snap!(
        "convert_missing_file",
        run(&["convert", "fixtures/cli/nothere.txt"])
    );
    snap!("convert_directory", run(&["convert", "fixtures/cli"]));
    snap!(
        "convert_garbage",
        run(&["convert", "fixtures/cli/garbage.zwo", "--to", "json"])
    );
    snap!(
        "convert_malformed_json",
        run(&["convert", "fixtures/cli/bad.json", "--to", "text"])
    );
    snap!(
        "convert_limit_error",
        run(&["convert", "fixtures/cli/bad_repeat.txt", "--to", "json"])
    );
    snap!(
        "convert_stdin_garbage",
        run_in(&["convert"], Some(b"\x00\x9f\x92\x96 junk"), None)
    );
}

#[test]
fn convert_failure_leaves_no_output_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out.json");
    let out_s = out.to_str().unwrap();
    let r = run_in(
        &["convert", "fixtures/cli/bad_repeat.txt", "-o", out_s],
        None,
        Some(tmp.path()),
    );
    assert!(r.starts_with("exit: 1\n"), "{r}");
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);

    let r = run_in(
        &["convert", "fixtures/text/vo2max_4x8.txt", "-o", out_s],
        None,
        Some(tmp.path()),
    );
    snap!("convert_to_file", r);
    let json = std::fs::read_to_string(&out).unwrap();
    assert!(json.contains("\"reps\": 4"), "{json}");
    // Only the output: the temporary file was renamed into place.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn convert_between_file_formats() {
    snap!(
        "convert_text_to_zwo",
        run(&["convert", "fixtures/text/vo2max_4x8.txt", "--to", "zwo"])
    );
    snap!(
        "convert_text_to_mrc",
        run(&["convert", "fixtures/text/vo2max_4x8.txt", "--to", "mrc"])
    );
    snap!(
        "convert_text_to_erg_ftp",
        run(&[
            "convert",
            "fixtures/text/vo2max_4x8.txt",
            "--to",
            "erg",
            "--ftp",
            "250"
        ])
    );
    let zwo = run_in(
        &["convert", "--from", "zwo", "--to", "text"],
        Some(
            br#"<workout_file><name>Pyramid</name><sportType>bike</sportType><workout>
<Warmup Duration="600" PowerLow="0.4" PowerHigh="0.75"/>
<IntervalsT Repeat="3" OnDuration="60" OffDuration="60" OnPower="1.2" OffPower="0.5"/>
<Cooldown Duration="300" PowerLow="0.6" PowerHigh="0.4"/>
</workout></workout_file>"#,
        ),
        None,
    );
    snap!("convert_zwo_to_text", zwo);
    snap!(
        "convert_text_garbage_as_zwo",
        run_in(
            &["convert", "--from", "zwo", "--to", "json"],
            Some(b"\x01\x02\x03 PK\x05\x06 <<<>>> \x7f\x7f"),
            None
        )
    );
    snap!(
        "convert_malformed_xml",
        run(&["convert", "fixtures/cli/malformed.zwo", "--to", "json"])
    );
}

// ---- sport and thresholds

#[test]
fn sport_is_part_of_the_workout() {
    // A run .zwo: `<sportType>run</sportType>` and its pace targets as `Power`.
    snap!(
        "sport_run_zwo",
        run(&[
            "convert",
            "fixtures/cli/run.txt",
            "--to",
            "zwo",
            "--sport",
            "TRAILRUN"
        ])
    );
    // A record's `type` and `athlete.threshold_pace` do the same without a flag.
    snap!(
        "sport_record_type",
        run(&["convert", "fixtures/cli/run_record.json", "--to", "zwo"])
    );
    // Every Intervals.icu activity type, in any case.
    let args = ["convert", "-", "--to", "json", "--sport", "weighttraining"];
    let r = run_in(&args, Some(b"- Squats 20m\n"), None);
    assert!(r.starts_with("exit: 0\n"), "{r}");
    snap!(
        "sport_unknown",
        run(&["summary", "x.txt", "--sport", "chess"])
    );
}

#[test]
fn thresholds_come_from_where_they_are_written() {
    // The .erg's own `FTP=250`: its 250 W step is Power="1", not 1.25 of the 200 W default.
    let r = run(&["convert", "fixtures/erg/basic.erg", "--to", "zwo"]);
    assert!(
        r.contains(r#"<SteadyState Duration="300" Power="1"/>"#),
        "{r}"
    );
    // A flag wins.
    let r = run(&[
        "convert",
        "fixtures/erg/basic.erg",
        "--to",
        "zwo",
        "--ftp",
        "200",
    ]);
    assert!(
        r.contains(r#"<SteadyState Duration="300" Power="1.25"/>"#),
        "{r}"
    );
    // A swim's default threshold pace is per 100 m (2:00/100m), and summary says so.
    snap!(
        "summary_swim_defaults",
        run(&["summary", "fixtures/cli/swim.txt", "--sport", "swim"])
    );
    // A bare number for a pace is refused with what it could mean.
    snap!(
        "pace_without_unit",
        run(&[
            "summary",
            "fixtures/cli/run.txt",
            "--threshold-pace",
            "4.30"
        ])
    );
}

// ---- inputs are what they claim

const ZWO: &[u8] =
    br#"<workout_file><workout><SteadyState Duration="600" Power="0.8"/></workout></workout_file>"#;

#[test]
fn inputs_are_read_as_their_content_shows() {
    // XML piped in without --from is read as .zwo, with a warning.
    snap!(
        "stdin_xml_read_as_zwo",
        run_in(&["summary"], Some(ZWO), None)
    );
    // A .txt holding a .zwo is read as one: its description stays prose, not escaped XML.
    snap!(
        "txt_holding_zwo",
        run(&["convert", "fixtures/cli/zwo_in.txt", "--to", "zwo"])
    );
    // Told it is text, XML has no steps: an error naming the format it was read as.
    snap!(
        "xml_told_text",
        run_in(&["convert", "--from", "text"], Some(ZWO), None)
    );
    // An empty input is an error for every command that needs steps.
    for args in [
        &["convert", "fixtures/cli/empty.txt"][..],
        &["summary", "fixtures/cli/empty.txt"],
        &["plot", "fixtures/cli/empty.txt", "-o", "-"],
    ] {
        let r = run(args);
        assert_eq!(
            r,
            "exit: 1\n--- stdout\n--- stderr\nerror: no steps found in \
             fixtures/cli/empty.txt (read as text): it is empty\n",
            "{args:?}"
        );
    }
    // Prose alone is a strength session's text: fine with its sport, an error without.
    let strength = b"Squats 5x5\nDeadlifts 3x5\n";
    let r = run_in(&["convert", "--to", "json"], Some(strength), None);
    assert!(
        r.contains("a session of prose alone needs its sport"),
        "{r}"
    );
    let args = ["convert", "--to", "json", "--sport", "WeightTraining"];
    let r = run_in(&args, Some(strength), None);
    assert!(r.starts_with("exit: 0\n"), "{r}");
    // A .zwo of a description alone is a Zwift file without its blocks: no sport hint.
    let zwo = b"<workout_file><description>Squats 5x5</description><workout/></workout_file>";
    let r = run_in(
        &["convert", "--from", "zwo", "--to", "text"],
        Some(zwo),
        None,
    );
    assert_eq!(
        r,
        "exit: 1\n--- stdout\n--- stderr\nerror: no steps found in <stdin> (read as zwo)\n"
    );
}

/// The server's records of strength sessions (`../shared/corpus/icu`, sport WeightTraining):
/// each description converts with `--sport weighttraining`, to the steps the server made.
#[test]
fn every_strength_record_converts_with_its_sport() {
    let dir = root().join("../shared/corpus/icu");
    if !dir.is_dir() {
        println!("notice: {} not found; skipped", dir.display());
        return;
    }
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let mut converted = 0;
    for path in names {
        let record: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if record["sport"] != "WeightTraining" {
            continue;
        }
        let text = record["description"].as_str().unwrap();
        let args = [
            "convert",
            "-",
            "--from",
            "text",
            "--to",
            "json",
            "--sport",
            "weighttraining",
        ];
        let out = output(&args, Some(text.as_bytes()));
        let name = path.display();
        assert_eq!(out.status.code(), Some(0), "{name}: {out:?}");
        let ours: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let server = &record["workout_doc"]["steps"];
        assert_eq!(steps(&ours["steps"]), steps(server), "{name}");
        converted += 1;
    }
    println!("{converted} strength records converted with --sport weighttraining");
    assert_eq!(converted, 17);
}

/// Steps as compared with the server's: no `_` fields (resolved for an athlete), numbers
/// as floats (`10` equals `10.0`).
fn steps(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) => m
            .iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .map(|(k, v)| (k.clone(), steps(v)))
            .collect(),
        Value::Array(a) => a.iter().map(steps).collect(),
        Value::Number(n) => n.as_f64().into(),
        other => other.clone(),
    }
}

// ---- messages

#[test]
fn messages_are_labelled_coloured_quiet_or_strict() {
    let warn = ["convert", "fixtures/cli/warn.txt"];
    // Coloured labels when colour is on (a terminal, or CLICOLOR_FORCE), none with NO_COLOR.
    let coloured = output_coloured(&warn, None, true);
    let stderr = String::from_utf8_lossy(&coloured.stderr).into_owned();
    assert!(
        stderr.contains("\u{1b}[1m\u{1b}[33mwarning:\u{1b}[0m"),
        "{stderr:?}"
    );
    let plain = output(&warn, None);
    assert!(!plain.stderr.contains(&0x1b));
    // --quiet: errors only.
    let r = run(&["-q", "convert", "fixtures/cli/warn.txt"]);
    assert!(
        r.starts_with("exit: 0\n") && r.ends_with("--- stderr\n"),
        "{r}"
    );
    let r = run(&["convert", "fixtures/cli/bad_repeat.txt", "--quiet"]);
    assert!(r.contains("error: repeat count over the limit"), "{r}");
    // --strict: a warning fails the command, and nothing is written.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out.zwo");
    let args = [
        "convert",
        "fixtures/cli/warn.txt",
        "--strict",
        "-o",
        out.to_str().unwrap(),
    ];
    snap!("strict_convert", run_in(&args, None, Some(tmp.path())));
    assert!(!out.exists());
    snap!(
        "strict_check",
        run(&[
            "check",
            "--strict",
            "fixtures/cli/warn.txt",
            "fixtures/text/vo2max_4x8.txt"
        ])
    );
    let batch = tmp.path().join("batch");
    let args = [
        "batch",
        "fixtures/cli/batch",
        "--to",
        "zwo",
        "-o",
        batch.to_str().unwrap(),
        "--strict",
        "-q",
    ];
    snap!("strict_batch", run_in(&args, None, Some(tmp.path())));
}

// ---- summary

#[test]
fn summary_table_and_json() {
    snap!(
        "summary_vo2max",
        run(&["summary", "fixtures/text/vo2max_4x8.txt"])
    );
    snap!(
        "summary_vo2max_ftp",
        run(&["summary", "fixtures/text/vo2max_4x8.txt", "--ftp", "280"])
    );
    snap!(
        "summary_vo2max_json",
        run(&["summary", "fixtures/text/vo2max_4x8.txt", "--json"])
    );
    snap!(
        "summary_run",
        run(&[
            "summary",
            "fixtures/cli/run.txt",
            "--sport",
            "run",
            "--threshold-pace",
            "4:00/km",
            "--lthr",
            "175"
        ])
    );
    snap!(
        "summary_stdin_zwo",
        run_in(
            &["summary", "--from", "zwo"],
            Some(br#"<workout_file><workout><SteadyState Duration="1800" Power="0.9"/></workout></workout_file>"#),
            None
        )
    );
    snap!("summary_missing_file", run(&["summary", "nothere.zwo"]));
    snap!(
        "summary_garbage",
        run(&["summary", "fixtures/cli/garbage.zwo"])
    );
}

// ---- check

#[test]
fn check_reports_each_file() {
    snap!("check_ok", run(&["check", "fixtures/text/vo2max_4x8.txt"]));
    snap!("check_warnings", run(&["check", "fixtures/cli/warn.txt"]));
    snap!(
        "check_error",
        run(&["check", "fixtures/cli/bad_repeat.txt"])
    );
    snap!(
        "check_many",
        run(&[
            "check",
            "fixtures/text/vo2max_4x8.txt",
            "fixtures/cli/bad.json",
            "fixtures/cli/garbage.zwo",
            "fixtures/cli/nothere.txt",
            "fixtures/cli/threshold.json",
            "fixtures/cli/malformed.zwo",
        ])
    );
    snap!(
        "check_stdin",
        run_in(&["check"], Some(b"- 10m 60%\n- 5m Z9\n"), None)
    );
}

// ---- plot

#[test]
fn plot_writes_an_svg() {
    snap!(
        "plot_vo2max_svg",
        run(&["plot", "fixtures/text/vo2max_4x8.txt", "-o", "-"])
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("chart.svg");
    let r = run_in(
        &["plot", "fixtures/cli/run.txt", "-o", out.to_str().unwrap()],
        None,
        Some(tmp.path()),
    );
    assert_eq!(r, "exit: 0\n--- stdout\n--- stderr\n");
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
    assert!(svg.contains("% threshold pace"));

    let r = run_in(
        &["plot", "fixtures/cli/bad.json", "-o", out.to_str().unwrap()],
        None,
        Some(tmp.path()),
    );
    snap!("plot_bad_input", r);
}

#[test]
fn plot_huge_repeat_stays_small() {
    let r = run_in(
        &["plot", "-o", "-"],
        Some(b"1000000x\n- 30s 120%\n- 30s 50%\n"),
        None,
    );
    assert!(r.starts_with("exit: 0"), "{r}");
    assert!(r.len() < 20_000, "{} bytes", r.len());
    assert!(r.contains("×1000000 (2 shown)"));
}

// ---- batch

#[test]
fn batch_converts_reports_and_does_not_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let outdir = tmp.path().join("out");
    let o = outdir.to_str().unwrap();
    let args = [
        "batch",
        "fixtures/cli/batch",
        "--to",
        "json",
        "-o",
        o,
        "-j",
        "2",
    ];
    snap!("batch_first_run", run_in(&args, None, Some(tmp.path())));
    let mut made = files(&outdir);
    made.sort();
    assert_eq!(made, ["a.json", "b.json", "sub/c.json"]);

    snap!("batch_no_force", run_in(&args, None, Some(tmp.path())));
    let mut forced = args.to_vec();
    forced.push("--force");
    snap!("batch_force", run_in(&forced, None, Some(tmp.path())));
    assert_eq!(files(&outdir).len(), 3);

    snap!(
        "batch_missing_dir",
        run_in(
            &["batch", "fixtures/cli/nothere", "--to", "text", "-o", o],
            None,
            Some(tmp.path())
        )
    );
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    snap!(
        "batch_empty_dir",
        run_in(
            &["batch", empty.to_str().unwrap(), "--to", "text", "-o", o],
            None,
            Some(tmp.path())
        )
    );
}

#[test]
fn batch_reports_two_inputs_with_one_output() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "- 10m 60%\n").unwrap();
    std::fs::write(
        dir.join("a.json"),
        r#"{"steps":[{"duration":60,"power":{"value":50,"units":"%ftp"}}]}"#,
    )
    .unwrap();
    let out = tmp.path().join("out");
    let r = batch_to_zwo(&dir, &out, tmp.path());
    snap!("batch_clash", r);
    assert_eq!(files(&out), ["a.zwo"]);
}

/// Each folder's files are converted in their place in path order, between its folders:
/// `a.u/` comes between `a.txt` and `a.zwo`, which still clash.
#[test]
fn batch_reports_in_path_order_across_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(dir.join("a.u")).unwrap();
    std::fs::write(dir.join("a.txt"), "- 10m 60%\n").unwrap();
    std::fs::write(dir.join("a.u/b.txt"), "2000000x\n- 1m 50%\n").unwrap();
    let zwo = "<workout_file><workout><SteadyState Duration=\"60\" Power=\"0.5\"/></workout></workout_file>";
    std::fs::write(dir.join("a.zwo"), zwo).unwrap();
    let out = tmp.path().join("out");
    let r = batch_to_zwo(&dir, &out, tmp.path());
    let failed = "error: 2 files failed:\n  [TMP]/in/a.u/b.txt\n  [TMP]/in/a.zwo\n";
    assert!(r.starts_with("exit: 1\n") && r.ends_with(failed), "{r}");
    let b = r.find("[TMP]/in/a.u/b.txt:").unwrap();
    let clash =
        r.find("[TMP]/in/a.zwo: error: skipped: [TMP]/in/a.txt already becomes [TMP]/out/a.zwo");
    assert!(clash.is_some_and(|c| b < c), "{r}");
}

/// An input that is a link to the output it would become is not written over.
#[cfg(unix)]
#[test]
fn batch_does_not_write_over_an_input_a_link_leads_to() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, out) = (tmp.path().join("in"), tmp.path().join("out"));
    std::fs::create_dir(&dir).unwrap();
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("a.zwo"), "- 10m 60%\n").unwrap();
    std::os::unix::fs::symlink(out.join("a.zwo"), dir.join("a.txt")).unwrap();
    let (d, o) = (dir.to_str().unwrap(), out.to_str().unwrap());
    let r = run_in(
        &["batch", d, "--to", "zwo", "-o", o, "--force"],
        None,
        Some(tmp.path()),
    );
    assert!(
        r.starts_with("exit: 1\n")
            && r.contains("cannot write [TMP]/out/a.zwo: it is an input of this command"),
        "{r}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("a.zwo")).unwrap(),
        "- 10m 60%\n"
    );
}

/// With `-o` above the directory, an output can land in one of its folders the walk has yet
/// to read (`d/d/sub/a.txt` becomes `d/sub/a.zwo`): it is not read as an input there.
#[test]
fn batch_does_not_read_its_own_outputs_as_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    std::fs::create_dir_all(dir.join("d/sub")).unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("d/sub/a.txt"), "- 10m 60%\n").unwrap();
    std::fs::write(dir.join("sub/b.txt"), "- 5m 50%\n").unwrap();
    let r = batch_to_zwo(&dir, tmp.path(), tmp.path());
    assert!(r.contains("converted 2 of 2 files to zwo"), "{r}");
    let mut made = files(tmp.path());
    made.sort();
    assert_eq!(
        made,
        ["d/d/sub/a.txt", "d/sub/a.zwo", "d/sub/b.txt", "sub/b.zwo"]
    );
}

/// `workout batch DIR --to zwo -o OUT`, rendered with `tmp` as `[TMP]`.
fn batch_to_zwo(dir: &Path, out: &Path, tmp: &Path) -> String {
    let (d, o) = (dir.to_str().unwrap(), out.to_str().unwrap());
    run_in(&["batch", d, "--to", "zwo", "-o", o], None, Some(tmp))
}

/// Files under `dir`, relative, with `/` separators.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

// ---- FIT

/// Runs `workout ARGS` (with `stdin` piped in): exit code and the raw standard output.
fn run_raw(args: &[&str], stdin: Option<&[u8]>) -> (i32, Vec<u8>) {
    let out = output(args, stdin);
    (out.status.code().unwrap_or(-1), out.stdout)
}

#[test]
fn fit_out_and_back() {
    let tmp = tempfile::tempdir().unwrap();
    let fit = tmp.path().join("seed.fit");
    let f = fit.to_str().unwrap();
    let seed = "fixtures/text/vo2max_4x8.txt";
    // The format from the extensions, both ways; watts for FTP 250, widened by ±3 %.
    snap!(
        "fit_convert",
        run_in(
            &["convert", seed, "-o", f, "--ftp", "250"],
            None,
            Some(tmp.path())
        )
    );
    snap!("fit_read", run_in(&["convert", f], None, Some(tmp.path())));
    snap!(
        "fit_summary",
        run_in(&["summary", f, "--ftp", "250"], None, Some(tmp.path()))
    );
    // Bytes on standard output, and read from standard input; --range 0 keeps single values.
    let (code, bytes) = run_raw(&["convert", seed, "--to", "fit", "--range", "0"], None);
    assert_eq!(code, 0);
    assert_eq!(bytes.get(8..12), Some(&b".FIT"[..]));
    snap!(
        "fit_stdin",
        run_in(&["convert", "-", "--from", "fit"], Some(&bytes), None)
    );
    let (_, watts) = run_raw(&["convert", seed, "--to", "fit", "--range", "10W"], None);
    snap!(
        "fit_range_watts",
        run_in(&["convert", "--from", "fit"], Some(&watts), None)
    );
    snap!(
        "fit_range_not_fit",
        run(&["convert", seed, "--range", "5%"])
    );
    snap!(
        "fit_bad_range",
        run(&["convert", seed, "--to", "fit", "--range", "lots"])
    );
    // A damaged file: the error names its byte.
    let mut bad = bytes.clone();
    let last = bad.len() - 1;
    bad[last] ^= 0xff;
    snap!(
        "fit_bad_file",
        run_in(&["check", "--from", "fit"], Some(&bad), None)
    );
}

#[test]
fn batch_to_and_from_fit() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("fit");
    let o = out.to_str().unwrap();
    let r = run_in(
        &[
            "batch",
            "fixtures/cli/batch",
            "--to",
            "fit",
            "-o",
            o,
            "--range",
            "0",
        ],
        None,
        Some(tmp.path()),
    );
    // broken.txt fails, as with every output format.
    assert!(r.contains("converted 3 of 4 files to fit"), "{r}");
    let mut made = files(&out);
    made.sort();
    assert_eq!(made, ["a.fit", "b.fit", "sub/c.fit"]);
    let back = tmp.path().join("back");
    let b = back.to_str().unwrap();
    snap!(
        "batch_from_fit",
        run_in(
            &["batch", o, "--to", "text", "-o", b],
            None,
            Some(tmp.path())
        )
    );
    let mut texts = files(&back);
    texts.sort();
    assert_eq!(texts, ["a.txt", "b.txt", "sub/c.txt"]);
}

// ---- no file lost, only bounded sources, safe and bounded diagnostics

/// `converted N of M`: N, from a batch's standard output.
fn converted(stdout: &str) -> usize {
    stdout
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{stdout}"))
}

/// Names under `dir` that start with a dot (temporary files), recursively.
fn hidden(dir: &Path) -> Vec<String> {
    files(dir)
        .into_iter()
        .filter(|f| f.rsplit('/').next().is_some_and(|n| n.starts_with('.')))
        .collect()
}

#[test]
fn no_command_writes_over_its_input() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.txt");
    std::fs::write(&a, "- 10m 60%\n").unwrap();
    let a = a.to_str().unwrap();
    for force in [&[][..], &["--force"]] {
        let convert = [&["convert", a, "-o", a, "--to", "zwo"][..], force].concat();
        let plot = [&["plot", a, "-o", a][..], force].concat();
        for args in [convert, plot] {
            let r = run_in(&args, None, Some(tmp.path()));
            assert!(
                r.starts_with("exit: 1\n") && r.contains("[TMP]/a.txt: it is an input"),
                "{r}"
            );
        }
    }
    assert_eq!(std::fs::read_to_string(a).unwrap(), "- 10m 60%\n");

    // A batch into its own folder: a.txt would become a.zwo, itself an input.
    let zwo = "<workout_file><workout><SteadyState Duration=\"60\" Power=\"0.5\"/></workout></workout_file>";
    std::fs::write(tmp.path().join("a.zwo"), zwo).unwrap();
    let dir = tmp.path().to_str().unwrap();
    let r = run_in(
        &["batch", dir, "--to", "zwo", "-o", dir, "--force"],
        None,
        Some(tmp.path()),
    );
    assert!(
        r.starts_with("exit: 1\n") && r.contains("it is an input"),
        "{r}"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("a.zwo")).unwrap(),
        zwo
    );
}

#[test]
fn outputs_are_replaced_only_with_force_keeping_their_mode() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out.zwo");
    let o = out.to_str().unwrap();
    let seed = "fixtures/text/vo2max_4x8.txt";
    let r = run_in(&["convert", seed, "-o", o], None, Some(tmp.path()));
    assert_eq!(r, "exit: 0\n--- stdout\n--- stderr\n");
    std::fs::write(&out, "mine").unwrap();
    let r = run_in(&["convert", seed, "-o", o], None, Some(tmp.path()));
    assert!(
        r.contains("[TMP]/out.zwo already exists; pass --force to replace it"),
        "{r}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        // A new file gets the mode any new file gets here (not a temporary file's 0600).
        let plain = tmp.path().join("plain");
        std::fs::write(&plain, "").unwrap();
        let fresh = tmp.path().join("fresh.zwo");
        run_in(
            &["convert", seed, "-o", fresh.to_str().unwrap()],
            None,
            None,
        );
        assert_eq!(mode(&fresh), mode(&plain));
        // A replaced file keeps its own.
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
        let r = run_in(
            &["convert", seed, "-o", o, "--force"],
            None,
            Some(tmp.path()),
        );
        assert!(r.starts_with("exit: 0\n"), "{r}");
        assert_eq!(mode(&out), 0o640);
    }
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("<workout_file>"));
    assert_eq!(hidden(tmp.path()), Vec::<String>::new());
}

/// A symlink planted where the output goes is never followed: without `--force` it counts
/// as an existing file, with it the link itself is replaced and its target kept.
#[cfg(unix)]
#[test]
fn a_planted_symlink_never_leads_a_write_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let victim = tmp.path().join("victim");
    std::fs::write(&victim, "keep me").unwrap();
    let out = tmp.path().join("out.zwo");
    std::os::unix::fs::symlink(&victim, &out).unwrap();
    let (o, seed) = (out.to_str().unwrap(), "fixtures/text/vo2max_4x8.txt");
    let r = run_in(&["convert", seed, "-o", o], None, Some(tmp.path()));
    assert!(r.contains("[TMP]/out.zwo already exists"), "{r}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    let r = run_in(
        &["convert", seed, "-o", o, "--force"],
        None,
        Some(tmp.path()),
    );
    assert!(r.starts_with("exit: 0\n"), "{r}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(!out.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("<workout_file>"));
    assert_eq!(hidden(tmp.path()), Vec::<String>::new());
}

/// Eight batches into one folder at once: each file is written by exactly one of them
/// (an exists-then-rename let several replace files another had reported written).
#[test]
fn parallel_batches_never_replace_each_others_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..40 {
        std::fs::write(
            dir.join(format!("w{i:02}.txt")),
            format!("- {}m 60%\n", i + 1),
        )
        .unwrap();
    }
    let out = tmp.path().join("out");
    let (d, o) = (dir.to_str().unwrap(), out.to_str().unwrap());
    let runs: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_workout"))
                .args(["batch", d, "--to", "zwo", "-o", o])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let written: usize = runs
        .into_iter()
        .map(|r| {
            converted(&String::from_utf8_lossy(
                &r.wait_with_output().unwrap().stdout,
            ))
        })
        .sum();
    assert_eq!(written, 40);
    assert_eq!(files(&out).len(), 40);
}

#[test]
fn batch_skips_existing_outputs_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = out.to_str().unwrap();
    let args = ["batch", "fixtures/cli/batch", "--to", "json", "-o", o];
    run_in(&args, None, None);
    std::fs::write(out.join("a.json"), "mine").unwrap();
    let r = run_in(
        &[&args[..], &["--skip-existing"]].concat(),
        None,
        Some(tmp.path()),
    );
    assert!(
        r.contains("converted 0 of 4 files to json in [TMP]/out; 3 skipped: their outputs exist"),
        "{r}"
    );
    assert_eq!(std::fs::read_to_string(out.join("a.json")).unwrap(), "mine");
    let r = run_in(
        &[&args[..], &["--skip-existing", "--force"]].concat(),
        None,
        None,
    );
    assert!(r.starts_with("exit: 2\n"), "{r}");
}

#[cfg(unix)]
#[test]
fn only_bounded_sources_are_read() {
    // A device without end: the read stops one byte past the input limit.
    let r = run(&["check", "/dev/zero"]);
    assert!(
        r.contains("cannot read /dev/zero: more than the input limit of 16777216 bytes"),
        "{r}"
    );
    // A FIFO named like a workout: batch names it as skipped instead of waiting on it.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("b.txt"), "- 10m 60%\n").unwrap();
    let fifo = dir.join("a.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let out = tmp.path().join("out");
    let r = batch_to_zwo(&dir, &out, tmp.path());
    assert!(r.starts_with("exit: 0\n"), "{r}");
    assert!(
        r.contains("[TMP]/in/a.txt: warning: skipped: not a regular file"),
        "{r}"
    );
    assert!(r.contains("converted 1 of 1 file to zwo"), "{r}");
}

/// SIGINT or SIGTERM stops a batch between files: what was done is reported, exit 130, and
/// no temporary file is left.
#[cfg(unix)]
#[test]
fn interrupted_batch_says_what_it_did_and_leaves_no_temporary_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    let text = "Main set 4x\n- 8m 110%\n- 8m 50%\n".repeat(200);
    for i in 0..2000 {
        std::fs::write(dir.join(format!("w{i:04}.txt")), &text).unwrap();
    }
    for signal in ["INT", "TERM"] {
        let out = tmp.path().join(format!("out-{signal}"));
        let child = Command::new(env!("CARGO_BIN_EXE_workout"))
            .args(["batch", dir.to_str().unwrap(), "--to", "zwo", "-j", "1"])
            .args(["-o", out.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Once the first file is out, the batch is under way.
        let start = std::time::Instant::now();
        while !out.is_dir() || files(&out).iter().all(|f| f.starts_with('.')) {
            assert!(start.elapsed().as_secs() < 30, "no output");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let pid = child.id().to_string();
        assert!(Command::new("kill")
            .args(["-s", signal, &pid])
            .status()
            .unwrap()
            .success());
        let done = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&done.stdout);
        let stderr = String::from_utf8_lossy(&done.stderr);
        assert_eq!(done.status.code(), Some(130), "{stdout}{stderr}");
        let n = converted(&stdout);
        assert!((1..2000).contains(&n), "{stdout}");
        assert!(
            stderr.contains(&format!("{} files not converted", 2000 - n)),
            "{stderr}"
        );
        assert_eq!(files(&out).len(), n);
        assert_eq!(hidden(&out), Vec::<String>::new());
    }
}

#[test]
fn diagnostics_are_bounded_and_safe_to_print() {
    // 40,000 warnings on one line of JSON: the cap, each snippet cut around its place, and
    // each at the value it is about (the whole file is one line).
    let json = format!(
        r#"{{"steps":[{}{{"duration":60}}]}}"#,
        r#"{"duration":60,"zz":1},"#.repeat(40_000)
    );
    let out = output(&["check", "--from", "json"], Some(json.as_bytes()));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let headers: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("<stdin>:"))
        .collect();
    assert_eq!(headers.len(), 1000);
    assert!(
        headers[0].starts_with("<stdin>:1:31: warning: ignored step field \"zz\""),
        "{}",
        headers[0]
    );
    assert!(
        headers[999].ends_with("warning: 39001 more warnings left out"),
        "{}",
        headers[999]
    );
    assert!(
        stderr.lines().all(|l| l.chars().count() < 130),
        "a line too long"
    );

    // An OSC escape in a step, and one in a .zwo name: shown escaped.
    let r = run_in(&["check"], Some(b"- 10m 60% \x1b]0;owned\x07\n"), None);
    assert!(!r.contains('\u{1b}') && !r.contains('\u{7}'), "{r:?}");
    assert!(r.contains(r#"ignored "\u{1b}]0;owned\u{7}""#), "{r}");
    let zwo = "<workout_file><name>&#x1b;]0;owned&#x7;</name><workout>\
               <SteadyState Duration=\"60\" Power=\"0.5\"/></workout></workout_file>";
    let r = run_in(&["summary", "--from", "zwo"], Some(zwo.as_bytes()), None);
    assert!(r.contains("\\u{1b}]0;owned\\u{7}\n  Duration"), "{r}");
    assert!(!r.contains('\u{1b}'), "{r:?}");

    // Lone CR files: each line its own number.
    let r = run_in(&["check"], Some(b"- 1m 50%\r- 2m x\r"), None);
    assert!(r.contains("<stdin>:2:6: warning: ignored \"x\""), "{r}");
    assert!(r.contains("2 | - 2m x\n"), "{r}");
}
