//! The HTML export in a real browser: headless Chromium loads the page, runs
//! its script, and gives back the DOM, a screenshot or a PDF.
//!
//! Where Chromium is not installed the tests say so and pass; in CI
//! (`CI=true`), which installs it, a missing Chromium fails them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fixture, parley, stderr, with};

/// The Chromium binary, or `None` (after saying so) where there is none
/// outside CI.
fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| which(name));
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Chromium is not installed; CI must install it (.ci/run does, with apt-get)"
        );
        eprintln!("SKIPPED: Chromium is not installed; the browser tests did not run");
    }
    found
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// A page exported to a temporary folder, and a browser to load it with.
struct Page {
    browser: PathBuf,
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Page {
    /// Exports `briefing` (the shipped one when `None`); `None` when there
    /// is no browser.
    fn export(briefing: Option<&str>) -> Option<Page> {
        let browser = chromium()?;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("briefing.html");
        let mut args = vec!["export"];
        args.extend(briefing);
        let output_path = path.display().to_string();
        args.extend(["--format", "html", "--output", &output_path]);
        let output = parley(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        Some(Page { browser, dir, path })
    }

    fn url(&self, fragment: &str) -> String {
        format!("file://{}{fragment}", self.path.display())
    }

    /// Runs headless Chromium on the page with `args` and a fresh profile;
    /// returns its standard output.
    fn chromium(&self, fragment: &str, args: &[&str]) -> String {
        let profile = tempfile::tempdir_in(self.dir.path()).unwrap();
        let output = Command::new(&self.browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(args)
            .arg(self.url(fragment))
            .output()
            .expect("Chromium runs");
        assert!(
            output.status.success(),
            "Chromium failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    /// The DOM after the page's script has run.
    fn dom(&self, fragment: &str) -> String {
        self.chromium(fragment, &["--virtual-time-budget=5000", "--dump-dom"])
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The elements of class `class`, each as its markup up to the next one.
fn elements<'a>(dom: &'a str, open: &str) -> Vec<&'a str> {
    dom.split(open).skip(1).collect()
}

/// The text of the first `<div class="quote-main">` in `quote` (the quote,
/// speaker, party, date and source, not its source's article).
fn quote_main(quote: &str) -> &str {
    let start = quote
        .find("<div class=\"quote-main\">")
        .expect("quote-main");
    let end = start + quote[start..].find("</div>").unwrap();
    &quote[start..end]
}

#[test]
fn the_shipped_briefing_shows_three_party_columns_a_lead_and_quotes() {
    let Some(page) = Page::export(None) else {
        return;
    };
    let dom = page.dom("");
    let columns = elements(&dom, "<article class=\"column ");
    assert_eq!(columns.len(), 3, "one column per party at the table");
    for (column, party) in columns.iter().zip(["Ukraine", "Russia", "United States"]) {
        assert!(column.contains(party), "{party} column: {column}");
    }
    assert!(columns[0].contains("Lead: <strong>Rustem Umerov</strong>"));
    assert!(dom.contains("Host: </span><a href=\"#party-ae\">United Arab Emirates</a>"));
    let quotes = elements(&dom, "<article class=\"quote ");
    assert!(quotes.len() > 20, "{} quotes", quotes.len());
    assert!(dom.contains("It’s all about the land"));
    assert!(dom.contains(&format!(
        "<output id=\"filter-count\" for=\"filter\" aria-live=\"polite\">{n} of {n} quotes shown</output>",
        n = quotes.len()
    )));
}

#[test]
fn a_filter_in_the_address_leaves_only_the_quotes_that_match() {
    let Some(page) = Page::export(None) else {
        return;
    };
    let dom = page.dom("#q=nearly");
    let quotes = elements(&dom, "<article class=\"quote ");
    let (shown, hidden): (Vec<&str>, Vec<&str>) = quotes
        .iter()
        .partition(|q| !q[..q.find('>').unwrap()].contains(" hidden"));
    assert!(
        !shown.is_empty() && !hidden.is_empty(),
        "{} shown",
        shown.len()
    );
    for quote in &shown {
        assert!(
            quote_main(quote).to_lowercase().contains("nearly"),
            "{quote}"
        );
    }
    for quote in &hidden {
        assert!(
            !quote_main(quote).to_lowercase().contains("nearly"),
            "{quote}"
        );
    }
    let count = format!("{} of {} quotes shown", shown.len(), quotes.len());
    assert!(dom.contains(&count), "{count}");
}

/// The quotes the filter left visible.
fn shown(dom: &str) -> Vec<&str> {
    elements(dom, "<article class=\"quote ")
        .into_iter()
        .filter(|q| !q[..q.find('>').unwrap()].contains(" hidden"))
        .collect()
}

#[test]
fn every_word_must_match_ignoring_case_accents_and_typography() {
    let dir = tempfile::tempdir().unwrap();
    let briefing = dir.path().join("filter.toml");
    std::fs::write(
        &briefing,
        with(
            r#"
[[quotes]]
speaker = "Élise Duval"
text = "La réduction des forces est nécessaire."
source = "s1"
[[quotes]]
speaker = "Ann Lee"
text = "It’s all about the land — and the sea."
source = "s1"
[[quotes]]
speaker = "Bo Park"
text = "Reduction of nothing at all."
source = "s1"
"#,
        ),
    )
    .unwrap();
    let Some(page) = Page::export(Some(briefing.to_str().unwrap())) else {
        return;
    };
    for (query, only) in [
        ("REDUCTION%20forces", "La réduction des forces"),
        ("it's%20land%20-%20and", "It’s all about the land"),
        ("elise", "La réduction des forces"),
        ("reduction%20all", "Reduction of nothing"),
    ] {
        let dom = page.dom(&format!("#q={query}"));
        let shown = shown(&dom);
        assert_eq!(shown.len(), 1, "{query}: {shown:?}");
        assert!(shown[0].contains(only), "{query}: {}", shown[0]);
    }
}

/// How much the grey levels of a PNG vary: zero for a blank page.
fn variance(png_path: &Path) -> (u32, u32, f64) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let channels = info.color_type.samples();
    let grey: Vec<f64> = buffer[..info.buffer_size()]
        .chunks(channels)
        .map(|px| {
            px[..channels.min(3)]
                .iter()
                .map(|&c| f64::from(c))
                .sum::<f64>()
                / channels.min(3) as f64
        })
        .collect();
    let mean = grey.iter().sum::<f64>() / grey.len() as f64;
    let variance = grey.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / grey.len() as f64;
    (info.width, info.height, variance)
}

#[test]
fn screenshots_wide_and_on_a_phone_are_not_blank() {
    let Some(page) = Page::export(None) else {
        return;
    };
    for (width, height) in [(1400, 1000), (390, 844)] {
        let shot = page.file(&format!("shot-{width}.png"));
        page.chromium(
            "",
            &[
                &format!("--window-size={width},{height}"),
                &format!("--screenshot={}", shot.display()),
            ],
        );
        let (w, h, variance) = variance(&shot);
        assert_eq!((w, h), (width, height));
        // A blank page is 0; a page of text on white is in the thousands.
        assert!(variance > 500.0, "{width}x{height}: variance {variance:.1}");
    }
}

#[test]
fn print_to_pdf_makes_a_pdf_of_several_pages() {
    let Some(page) = Page::export(None) else {
        return;
    };
    let pdf = page.file("briefing.pdf");
    page.chromium(
        "",
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let count = |needle: &[u8]| bytes.windows(needle.len()).filter(|w| *w == needle).count();
    // Page objects, not the page tree's `/Type /Pages`.
    let pages = count(b"/Type /Page") - count(b"/Type /Pages");
    assert!(pages > 1, "{pages} pages");
}

#[test]
fn a_hostile_briefing_is_shown_as_text_and_runs_nothing() {
    let Some(page) = Page::export(Some(&fixture("hostile-markup.toml"))) else {
        return;
    };
    let dom = page.dom("");
    // Had any payload run, the title would be "pwned" or an element with
    // that id would exist.
    assert!(
        dom.contains("<title>&lt;/title&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;Markup talks</title>"),
        "{dom}"
    );
    assert!(
        !dom.contains("<div id=\"pwned\""),
        "an injected element exists"
    );
    for element in [
        "<img",
        "<iframe",
        "<svg",
        "<marquee",
        "<h1>Point",
        "<b>",
        "<i>",
        "<u>",
        "<em>",
    ] {
        assert!(!dom.contains(element), "{element} became an element");
    }
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert_eq!(
        dom.matches("<style").count(),
        1,
        "only the page's own style"
    );
    assert!(dom.contains("&lt;img src=x onerror=\"document.title='pwned'\"&gt;"));
    assert!(dom.contains(
        "<mark>&lt;/script&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;</mark>"
    ));
    assert!(!dom.contains("<a href=\"javascript:"), "a javascript: link");
    // A web address is a link whatever it holds: its quote mark and angle
    // brackets stay inside the attribute.
    assert_eq!(dom.matches("rel=\"noreferrer\"").count(), 2, "{dom}");
    assert!(
        dom.contains("<a href=\"https://example.org/a?b=1&amp;c="),
        "{dom}"
    );
    assert!(
        dom.contains("<a href=\"https://example.org/&quot;&gt;&lt;script&gt;"),
        "{dom}"
    );
    // The filter still works on such a page.
    let dom = page.dom("#q=plain");
    assert!(dom.contains("1 of 2 quotes shown"), "{dom}");
}
