//! Timed prompts inside step text: `First 60^30 Second 120^ Third`.
//!
//! A word `N^` or `N^D` (whole numbers) starts a new prompt shown `N` seconds into the step,
//! for `D` seconds when given; words before the first such marker form a prompt at 0 s.

use crate::codec::push_int;
use crate::model::Prompt;

/// Splits step text into prompts. Text without markers is one prompt at 0 s; empty text
/// gives none.
pub(crate) fn split(text: &str) -> Vec<Prompt> {
    let mut prompts: Vec<Prompt> = Vec::new();
    let mut current = Prompt {
        offset: 0,
        duration: None,
        text: String::new(),
    };
    for word in text.split_whitespace() {
        if let Some((offset, duration)) = marker(word) {
            if !current.text.is_empty() || current.offset > 0 {
                prompts.push(current);
            }
            current = Prompt {
                offset,
                duration,
                text: String::new(),
            };
        } else {
            if !current.text.is_empty() {
                current.text.push(' ');
            }
            current.text.push_str(word);
        }
    }
    if !current.text.is_empty() || current.offset > 0 {
        prompts.push(current);
    }
    prompts
}

/// Joins prompts back into step text (the inverse of [`split`] for prompts it made).
pub(crate) fn join(prompts: &[Prompt]) -> String {
    // Room for every text and a marker (`N^D `) each: one allocation, no regrowth.
    let len = prompts.iter().map(|p| p.text.len() + 24).sum();
    let mut out = String::with_capacity(len);
    for p in prompts {
        if !out.is_empty() {
            out.push(' ');
        }
        if p.offset > 0 || p.duration.is_some() || !out.is_empty() {
            // Written in place: no String per number.
            push_int(&mut out, u64::from(p.offset));
            out.push('^');
            if let Some(d) = p.duration {
                push_int(&mut out, u64::from(d));
            }
            if !p.text.is_empty() {
                out.push(' ');
            }
        }
        out.push_str(&p.text);
    }
    out
}

/// `N^` or `N^D`.
fn marker(word: &str) -> Option<(u32, Option<u32>)> {
    let (offset, duration) = word.split_once('^')?;
    let offset = whole(offset)?;
    let duration = if duration.is_empty() {
        None
    } else {
        Some(whole(duration)?)
    };
    Some((offset, duration))
}

fn whole(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(offset: u32, duration: Option<u32>, text: &str) -> Prompt {
        Prompt {
            offset,
            duration,
            text: text.into(),
        }
    }

    #[test]
    fn splits_david_example() {
        assert_eq!(
            split("First 60^30 Second 120^30 Third"),
            vec![
                p(0, None, "First"),
                p(60, Some(30), "Second"),
                p(120, Some(30), "Third")
            ]
        );
        assert_eq!(split("20^ First"), vec![p(20, None, "First")]);
        assert_eq!(split("Plain cue"), vec![p(0, None, "Plain cue")]);
        assert!(split("").is_empty());
        assert_eq!(split("x^y"), vec![p(0, None, "x^y")]);
    }

    #[test]
    fn join_inverts_split() {
        for text in [
            "First 60^30 Second 120^ Third",
            "20^ First",
            "Plain",
            "0^5 Go",
        ] {
            let prompts = split(text);
            assert_eq!(split(&join(&prompts)), prompts, "{text}");
        }
    }
}
