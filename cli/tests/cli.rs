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

/// Runs `workout ARGS` (with `stdin` piped in) to its end.
fn output(args: &[&str], stdin: Option<&[u8]>) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_workout"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
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
    let r = run_in(
        &[
            "batch",
            dir.to_str().unwrap(),
            "--to",
            "zwo",
            "-o",
            out.to_str().unwrap(),
        ],
        None,
        Some(tmp.path()),
    );
    snap!("batch_clash", r);
    assert_eq!(files(&out), ["a.zwo"]);
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
