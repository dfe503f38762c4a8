//! Timed prompts inside step text: `First 60^30 Second 120^ Third`.
//!
//! A word `N^` or `N^D` (whole numbers) starts a new prompt shown `N` seconds into the step,
//! for `D` seconds when given; words before the first such marker form a prompt at 0 s.

use crate::model::Prompt;
use std::fmt::Write as _;

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
    let parts: Vec<Part<'_>> = prompts
        .iter()
        .map(|p| Part {
            offset: p.offset,
            duration: p.duration,
            text: &p.text,
        })
        .collect();
    join_parts(&parts)
}

/// A prompt with its text borrowed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Part<'s> {
    pub(crate) offset: u32,
    pub(crate) duration: Option<u32>,
    pub(crate) text: &'s str,
}

/// [`join`] for borrowed prompts, in time order.
pub(crate) fn join_parts(parts: &[Part<'_>]) -> String {
    // Room for every text and a marker (`N^D `) each: one allocation, no regrowth.
    let len = parts.iter().map(|p| p.text.len() + 24).sum();
    let mut out = String::with_capacity(len);
    for p in parts {
        if !out.is_empty() {
            out.push(' ');
        }
        if p.offset > 0 || p.duration.is_some() || !out.is_empty() {
            // Written in place: no String per number.
            let _ = write!(out, "{}^", p.offset);
            if let Some(d) = p.duration {
                let _ = write!(out, "{d}");
            }
            if !p.text.is_empty() {
                out.push(' ');
            }
        }
        out.push_str(p.text);
    }
    out
}

/// The warning for a cue or text event message with a word that step text reads as a
/// prompt time (`N^` or `N^D`): joined into step text, that word starts a new prompt, so
/// readers say so rather than change the message silently.
pub(crate) const MARKER_IN_MESSAGE: &str =
    "a word like 60^ or 60^10 in this message starts a new prompt in step text";

/// Whether `message` has a word that step text reads as a prompt time.
pub(crate) fn has_marker(message: &str) -> bool {
    message.contains('^') && message.split_whitespace().any(|w| marker(w).is_some())
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
    fn marker_words_in_messages_are_found() {
        assert!(has_marker("Spin 90^ then hold"));
        assert!(has_marker("120^30 hold"));
        for plain in ["Spin up", "x^y go", "^5 up", "5^x"] {
            assert!(!has_marker(plain), "{plain}");
        }
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
