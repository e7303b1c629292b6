//! A synthetic briefing with N quotes of 8 to 48 words: the same N and seed
//! always give the same file. Used by `examples/gen_archive.rs` and by the
//! benches (`benches/search.rs`, `benches/draw.rs`), which include this file
//! with `#[path]` so that there is one generator.

use std::fmt::Write as _;

const PARTIES: [(&str, &str); 6] = [
    ("ru", "Russia"),
    ("ua", "Ukraine"),
    ("us", "United States"),
    ("eu", "European Union"),
    ("ae", "United Arab Emirates"),
    ("tr", "Türkiye"),
];

const TOPICS: [(&str, &str); 7] = [
    ("territory", "Territory in the Donbas"),
    ("guarantees", "Security guarantees"),
    ("ceasefire", "Ceasefire and monitoring"),
    ("prisoners", "Prisoner exchanges"),
    ("energy", "Energy infrastructure"),
    ("sanctions", "Sanctions relief"),
    ("format", "Format of the talks"),
];

const OUTLETS: [&str; 12] = [
    "Harbour Gazette",
    "Northern Wire",
    "Daily Ledger",
    "Le Courrier diplomatique",
    "Zürcher Abendblatt",
    "Kyiv Morning Post",
    "Moscow Evening News",
    "Gulf Dispatch",
    "Atlantic Review",
    "Ankara Bulletin",
    "The Continental",
    "Radio Free Report",
];

const SPEAKERS: [(&str, &str); 24] = [
    ("Yuri Ushakov", "ru"),
    ("Dmitry Peskov", "ru"),
    ("Sergei Lavrov", "ru"),
    ("Maria Zakharova", "ru"),
    ("Igor Kostyukov", "ru"),
    ("Volodymyr Zelensky", "ua"),
    ("Rustem Umerov", "ua"),
    ("Andrii Sybiha", "ua"),
    ("Kyrylo Budanov", "ua"),
    ("Oleksandr Kamyshin", "ua"),
    ("Steve Witkoff", "us"),
    ("Jared Kushner", "us"),
    ("Marco Rubio", "us"),
    ("Donald Trump", "us"),
    ("Ursula von der Leyen", "eu"),
    ("Kaja Kallas", "eu"),
    ("António Costa", "eu"),
    ("Sheikh Abdullah bin Zayed", "ae"),
    ("Anwar Gargash", "ae"),
    ("Hakan Fidan", "tr"),
    ("Recep Tayyip Erdoğan", "tr"),
    ("Emmanuel Macron", ""),
    ("Friedrich Merz", ""),
    ("Keir Starmer", ""),
];

/// Function words first: picking with a skew towards the start gives prose
/// its usual shape (many "the", few "reparations").
const WORDS: &str = "the of and to in a that is for on with as it will be not we this by \
are have has at from our they but an which their was would there all can no more must \
only if other been also its who what about when any these those should could into than \
talks security guarantees territory ceasefire negotiations delegation agreement peace \
sides party parties meeting round president minister envoy forces front line troops \
sanctions energy infrastructure prisoners exchange monitoring mission withdrawal border \
region regions occupied control referendum constitution sovereignty neutrality alliance \
membership framework memorandum principles document draft text proposal proposals \
position positions demands concessions compromise compromises dialogue diplomacy \
diplomatic political military humanitarian corridor corridors grain ports shipping \
reactor plant power grid winter attacks strikes drones missiles air defence weapons \
supplies aid funding reconstruction assets frozen reparations tribunal accountability \
justice crimes investigation evidence observers inspectors verification mechanism \
timeline deadline schedule phase phases stage first second third next final long term \
lasting durable just fair realistic acceptable unacceptable impossible necessary \
important serious constructive candid frank substantive productive difficult complex \
sensitive issue issues question questions problem problems solution solutions progress \
breakthrough setback impasse deadlock stalemate pressure leverage guarantee guarantor \
guarantors coalition partners allies europe european american russian ukrainian \
emirati turkish kremlin washington kyiv moscow brussels ankara geneva istanbul riyadh \
abu dhabi anchorage davos understanding consensus formula battlefield initiative \
objectives goals interests resolve resolving achieved achieve reach reached agree \
agreed discuss discussed continue continued remain remains ready prepared willing \
expect expected hope believe said says told reporters statement briefing today \
yesterday week month year years months days hours people citizens families children \
soldiers civilians lives";

const ACCENTED: [&str; 16] = [
    "réduction",
    "détente",
    "régime",
    "communiqué",
    "entente",
    "Genève",
    "Zürich",
    "Kraków",
    "Élysée",
    "naïve",
    "rôle",
    "façade",
    "Ångström",
    "Dnipró",
    "Erdoğan",
    "São",
];

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// An index in `0..n` skewed towards 0.
    fn skewed(&mut self, n: usize) -> usize {
        let x = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((x * x * x) * n as f64) as usize
    }
}

pub struct Quote {
    pub speaker: usize,
    pub text: String,
    pub source: usize,
    pub said_on: Option<(i32, u32, u32)>,
    pub context: Option<String>,
    pub topics: Vec<usize>,
}

fn sentence(rng: &mut Rng, words: &[&str], count: usize) -> String {
    let mut text = String::new();
    let mut capital = true;
    for i in 0..count {
        let word = if rng.chance(3) {
            ACCENTED[rng.below(ACCENTED.len())]
        } else {
            words[rng.skewed(words.len())]
        };
        if i > 0 {
            text.push(if rng.chance(1) { '\n' } else { ' ' });
        }
        if capital {
            let mut chars = word.chars();
            text.extend(chars.next().into_iter().flat_map(char::to_uppercase));
            text.push_str(chars.as_str());
        } else {
            text.push_str(word);
        }
        capital = false;
        if i + 1 < count && rng.chance(6) {
            text.push_str(if rng.chance(30) { "." } else { "," });
            capital = text.ends_with('.');
        }
    }
    text.push('.');
    text
}

/// `n` quotes, the same for the same `seed`.
pub fn quotes(n: usize, seed: u64) -> Vec<Quote> {
    let mut rng = Rng(seed);
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    (0..n)
        .map(|i| {
            let count = 8 + rng.below(41);
            let mut topics: Vec<usize> =
                (0..rng.below(3)).map(|_| rng.below(TOPICS.len())).collect();
            topics.sort_unstable();
            topics.dedup();
            Quote {
                speaker: rng.below(SPEAKERS.len()),
                text: sentence(&mut rng, &words, count),
                // The first quotes cite every source once, so none goes uncited.
                source: if i < OUTLETS.len() * 2 {
                    i
                } else {
                    rng.below(OUTLETS.len() * 2)
                },
                said_on: rng.chance(85).then(|| {
                    (
                        2022 + rng.below(4) as i32,
                        1 + rng.below(12) as u32,
                        1 + rng.below(28) as u32,
                    )
                }),
                context: rng.chance(30).then(|| {
                    let count = 6 + rng.below(9);
                    sentence(&mut rng, &words, count)
                }),
                topics,
            }
        })
        .collect()
}

fn toml_string(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
}

/// A whole briefing file around `n` generated quotes.
pub fn archive(n: usize, seed: u64) -> String {
    let mut out = String::with_capacity(n * 400);
    out.push_str("format = 1\n\n[briefing]\ntitle = \"Synthetic archive\"\nas_of = 2026-02-01\n");
    for (i, outlet) in OUTLETS.iter().cycle().take(OUTLETS.len() * 2).enumerate() {
        let _ = write!(
            out,
            "\n[[sources]]\nid = \"s{i:02}\"\noutlet = {}\ntitle = \"Report number {i} on the talks\"\n",
            toml_string(outlet)
        );
    }
    for (p, (id, name)) in PARTIES.iter().enumerate() {
        let topic = TOPICS[p % TOPICS.len()].0;
        let _ = write!(
            out,
            "\n[[parties]]\nid = \"{id}\"\nname = {}\n\n[[parties.positions]]\ntext = \"Will not give way on {topic}.\"\nred_line = true\nbasis = \"reported\"\ntopic = \"{topic}\"\nsources = [\"s{p:02}\"]\n",
            toml_string(name)
        );
    }
    for (id, title) in TOPICS {
        let _ = write!(
            out,
            "\n[[sticking_points]]\nid = \"{id}\"\ntitle = \"{title}\"\n"
        );
    }
    for (i, quote) in quotes(n, seed).iter().enumerate() {
        let (speaker, party) = SPEAKERS[quote.speaker];
        let _ = write!(
            out,
            "\n[[quotes]]\nid = \"q{:06}\"\nspeaker = {}\n",
            i + 1,
            toml_string(speaker)
        );
        if !party.is_empty() {
            let _ = writeln!(out, "party = \"{party}\"");
        }
        let _ = writeln!(
            out,
            "text = {}\nsource = \"s{:02}\"",
            toml_string(&quote.text),
            quote.source
        );
        if let Some((y, m, d)) = quote.said_on {
            let _ = writeln!(out, "said_on = {y}-{m:02}-{d:02}");
        }
        if let Some(context) = &quote.context {
            let _ = writeln!(out, "context = {}", toml_string(context));
        }
        if !quote.topics.is_empty() {
            let topics: Vec<String> = quote
                .topics
                .iter()
                .map(|&t| format!("\"{}\"", TOPICS[t].0))
                .collect();
            let _ = writeln!(out, "topics = [{}]", topics.join(", "));
        }
    }
    out
}

/// The seed every benchmark and script uses.
pub const SEED: u64 = 2026;
