//! A synthetic article and quotes taken from it, for the verification bench:
//! sentences of common words with typographic marks and line breaks, and
//! quotes that are runs of its words, some elided (`...`) and some not
//! verbatim (a word changed), as real briefings have.

/// A small deterministic generator (an LCG): the same text on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below
    }
}

const WORDS: [&str; 40] = [
    "the",
    "talks",
    "in",
    "Abu",
    "Dhabi",
    "were",
    "constructive",
    "said",
    "envoy",
    "security",
    "guarantees",
    "territory",
    "ceasefire",
    "Donbas",
    "“land”",
    "it’s",
    "about",
    "and",
    "a",
    "delegation",
    "—",
    "Kremlin",
    "Kyiv",
    "Washington",
    "trilateral",
    "meeting",
    "on",
    "of",
    "peace",
    "plan",
    "negotiations",
    "will",
    "continue",
    "next",
    "week",
    "officials",
    "told",
    "reporters",
    "prisoners",
    "exchange",
];

/// About `bytes` of article text.
pub fn article(bytes: usize, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let mut text = String::with_capacity(bytes + 64);
    let mut in_line = 0;
    while text.len() < bytes {
        let word = WORDS[rng.next(WORDS.len())];
        text.push_str(word);
        in_line += word.len() + 1;
        if rng.next(12) == 0 {
            text.push('.');
        }
        if in_line > 72 {
            text.push('\n');
            in_line = 0;
        } else {
            text.push(' ');
        }
    }
    text
}

/// `count` quotes from `text`: runs of 6 to 30 words; one in ten elided,
/// one in fifty with a word changed (so not verbatim).
pub fn quotes(text: &str, count: usize, seed: u64) -> Vec<String> {
    let mut rng = Lcg(seed);
    let words: Vec<&str> = text.split_whitespace().collect();
    (0..count)
        .map(|i| {
            let length = 6 + rng.next(25);
            let start = rng.next(words.len() - 2 * length);
            let mut quote = words[start..start + length].join(" ");
            if i % 10 == 0 {
                let later = start + length + rng.next(length);
                quote.push_str(" ... ");
                quote.push_str(&words[later..later + 5].join(" "));
            }
            if i % 50 == 1 {
                quote.push_str(" indeed");
            }
            quote
        })
        .collect()
}
