//! report: the story as one HTML page, checked as text and in a real browser (headless
//! Chromium). Without Chromium the browser tests say so once and pass, unless
//! CLAIMTRACK_BROWSER_TESTS=required (as CI sets it), which makes a missing browser a failure.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Once};

use headless_chrome::protocol::cdp::{Emulation, Log, Runtime, types::Event};
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::json;

use crate::common::Fixture;

/// The seed story with hostile text, right-to-left names, an unbreakable word and a dispute
/// that does not split in two (claims #13-#16).
fn hostile_story() -> Fixture {
    let f = Fixture::seeded();
    f.ok(&[
        "source",
        "add",
        "evil",
        "--title",
        "<script>window.__pwned=1</script>",
        "--url",
        "javascript:window.__pwned=2",
    ]);
    f.ok(&["source", "edit", "seed-2024-01-27", "--url", "https://example.org/talks?a=1&b=<2>"]);
    f.ok(&[
        "add",
        "<img src=x onerror=\"window.__pwned=3;alert(1)\"> </script><script>window.__pwned=4</script>",
        "--by",
        "المقاومة الإسلامية في العراق",
        "--source",
        "evil",
        "--quote",
        "\"><svg onload=window.__pwned=5>",
        "--tag",
        "<b onmouseover=window.__pwned=6>tag</b>",
        "--on",
        "2024-01-28",
    ]); // 13
    f.ok(&["add", &format!("An unbreakable word: {}", "x".repeat(300)), "--by", "דובר המשטרה", "--on", "2024-02"]); // 14
    f.ok(&[
        "add",
        "A third party denies both",
        "--by",
        "A very long actor name that goes on and on without end",
        "--source",
        "seed-2024-01-27",
    ]); // 15
    f.ok(&["link", "13", "contradicts", "12"]);
    f.ok(&["link", "14", "contradicts", "12"]);
    f.ok(&["link", "13", "contradicts", "14"]);
    f.ok(&["link", "15", "supports", "14"]);
    f
}

fn write_report(f: &Fixture, args: &[&str]) -> (PathBuf, String) {
    let path = f.path("story.html");
    let mut all = vec!["report", "-o", path.to_str().unwrap()];
    all.extend_from_slice(args);
    f.ok(&all);
    let html = std::fs::read_to_string(&path).unwrap();
    (path, html)
}

#[test]
fn the_page_holds_the_story_and_loads_nothing() {
    let f = Fixture::seeded();
    let (_, html) = write_report(&f, &[]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(&format!("<title>Claims in {}</title>", f.story_name())));
    for expected in [
        "Dispute 1: 6 claims on two sides",
        "Dispute 2: 3 claims on two sides",
        "The timing of the talks on ending the coalition mission",
        "<q dir=\"auto\">the timing is unrelated to the recent attacks</q>",
        "المقاومة الإسلامية في العراق",
        "<time datetime=\"2023-10\">October 2023</time>",
        "id=\"timeline\"",
        "Popular Mobilization Forces",
    ] {
        assert!(html.contains(expected), "the page lacks {expected:?}");
    }
    // The actors with their affiliations and how many of the claims are theirs.
    assert!(html.contains(
        "<tr><td><bdi>Islamic Resistance in Iraq</bdi><br><small>also <bdi>المقاومة الإسلامية في العراق</bdi></small></td>\
         <td>group</td><td><bdi>Popular Mobilization Forces</bdi></td><td class=\"num\">4</td></tr>"
    ));
    // Self-contained: nothing is fetched, nothing runs.
    assert!(!html.contains("<script"), "no scripts");
    assert!(!html.contains("<link"), "no external stylesheets");
    assert!(!html.contains("src="), "no images or frames");
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn every_value_is_escaped() {
    let f = hostile_story();
    let (_, html) = write_report(&f, &[]);
    assert!(html.contains("&#60;img src=x onerror=") || html.contains("&lt;img src=x onerror="), "escaped");
    assert!(!html.contains("<img"), "no image element made of data");
    assert!(!html.contains("</script><script>"), "no script made of data");
    assert!(!html.contains("href=\"javascript:"), "a javascript: URL is not a link");
}

#[test]
fn filters_title_and_bad_input() {
    let f = Fixture::seeded();
    let (_, html) = write_report(&f, &["--tag", "sovereignty", "--title", "Strikes & sovereignty"]);
    assert!(
        html.contains("<title>Strikes &#38; sovereignty</title>")
            || html.contains("<title>Strikes &amp; sovereignty</title>")
    );
    assert!(html.contains("Claims tagged sovereignty"));
    assert!(html.contains("Dispute 1: 2 claims on two sides"), "only the tagged claims");
    assert!(!html.contains("Dispute 2"));

    let error = f.fails(&["report", "--tag", "nope", "-o", "x.html"], 1);
    assert!(error.contains("unknown tag \"nope\""), "{error}");
    let error = f.fails(&["report", "--title", " ", "-o", "x.html"], 1);
    assert!(error.contains("--title cannot be empty"), "{error}");
    let error = f.fails(&["report", "-o", f.path("missing/x.html").to_str().unwrap()], 1);
    assert!(error.contains("cannot write in"), "{error}");
    assert!(!f.path("x.html").exists());
    let error = f.fails(&["report", "-o", f.dir.path().to_str().unwrap()], 1);
    assert!(error.contains("is a folder"), "{error}");
    let empty = Fixture::new();
    assert!(empty.fails(&["report", "-o", "x.html"], 1).contains("no claims database"));
}

#[test]
fn lint_findings_show_as_needing_attention() {
    let f = Fixture::seeded();
    f.ok(&["add", "Undated and unsourced", "--by", "Someone"]);
    f.ok(&["link", "13", "contradicts", "12"]);
    let (_, html) = write_report(&f, &[]);
    assert!(html.contains("1 error, 1 warning"), "counts in the header");
    assert!(html.contains("no-source") && html.contains("undated-in-dispute"));
    assert!(html.contains("href=\"#claim-13\""), "findings link to the claim");
}

// ---- In a real browser -------------------------------------------------------------------

/// Chromium, when there is one: $CHROME, else the usual names on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROME").map(PathBuf::from).filter(|p| p.is_file()) {
        return Some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser", "google-chrome"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The browser, or None (said once) when there is none and none is required.
fn browser_or_skip() -> Option<PathBuf> {
    static SAID: Once = Once::new();
    let found = chromium();
    if found.is_none() {
        if std::env::var("CLAIMTRACK_BROWSER_TESTS").is_ok_and(|v| v == "required") {
            panic!("CLAIMTRACK_BROWSER_TESTS=required but no Chromium found: `apt-get install chromium` or set CHROME");
        }
        SAID.call_once(|| {
            // Straight to the process's standard error, past the test harness's capture.
            let _ = writeln!(
                std::io::stderr(),
                "report browser tests skipped: no Chromium found (apt-get install chromium, or set CHROME=/path/to/chrome)"
            );
        });
    }
    found
}

/// What the page did while it loaded.
#[derive(Default, Debug)]
struct Seen {
    errors: Vec<String>,
    requests: Vec<String>,
    dialogs: Vec<String>,
}

/// A headless Chromium, started as the project's machines need it, with the page loaded in a
/// tab `width` pixels wide; everything the page logs, requests or opens is recorded.
struct Page {
    _browser: Browser,
    _profile: tempfile::TempDir,
    tab: Arc<Tab>,
    seen: Arc<Mutex<Seen>>,
    url: String,
}

impl Page {
    fn open(chrome: &Path, file: &Path, width: u32) -> Page {
        let profile = tempfile::tempdir().unwrap();
        let extra = ["--disable-quic", "--disable-component-update", "--disable-background-networking"]
            .map(std::ffi::OsStr::new)
            .to_vec();
        let options = LaunchOptions {
            headless: true,
            sandbox: false,
            enable_gpu: false,
            path: Some(chrome.to_path_buf()),
            user_data_dir: Some(profile.path().to_path_buf()),
            window_size: Some((width, 900)),
            args: extra,
            ..LaunchOptions::default()
        };
        let browser = Browser::new(options).expect("Chromium starts");
        let tab = browser.new_tab().expect("a tab");
        let seen = Arc::new(Mutex::new(Seen::default()));
        let record = Arc::clone(&seen);
        tab.add_event_listener(Arc::new(move |event: &Event| {
            let mut seen = record.lock().unwrap();
            match event {
                Event::RuntimeConsoleAPICalled(e)
                    if matches!(e.params.Type, Runtime::ConsoleAPICalledEventTypeOption::Error) =>
                {
                    seen.errors.push(format!("console.error: {:?}", e.params.args));
                }
                Event::RuntimeExceptionThrown(e) => {
                    seen.errors.push(format!("exception: {:?}", e.params.exception_details))
                }
                Event::LogEntryAdded(e) if matches!(e.params.entry.level, Log::LogEntryLevel::Error) => {
                    seen.errors.push(format!("log: {}", e.params.entry.text));
                }
                Event::NetworkRequestWillBeSent(e) => seen.requests.push(e.params.request.url.clone()),
                Event::PageJavascriptDialogOpening(e) => seen.dialogs.push(e.params.message.clone()),
                _ => {}
            }
        }))
        .unwrap();
        tab.enable_log().unwrap();
        tab.enable_runtime().unwrap();
        tab.call_method(serde_json::from_value::<headless_chrome::protocol::cdp::Network::Enable>(json!({})).unwrap())
            .unwrap();
        tab.call_method(
            serde_json::from_value::<Emulation::SetDeviceMetricsOverride>(
                json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}),
            )
            .unwrap(),
        )
        .unwrap();
        let url = format!("file://{}", file.display());
        tab.navigate_to(&url).unwrap().wait_until_navigated().unwrap();
        Page { _browser: browser, _profile: profile, tab, seen, url }
    }

    fn eval(&self, script: &str) -> serde_json::Value {
        let result = self.tab.evaluate(script, false).unwrap_or_else(|e| panic!("{script}: {e}"));
        result.value.unwrap_or(serde_json::Value::Null)
    }

    /// What the page did, once a round trip has flushed the events before it.
    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.eval("1");
        self.seen.lock().unwrap()
    }

    /// Elements whose right edge passes the viewport's, all of them laid out (the page leaves
    /// what is off screen for later).
    fn overflowing(&self) -> serde_json::Value {
        self.eval("document.head.insertAdjacentHTML('beforeend', '<style>* { content-visibility: visible !important }</style>')");
        self.eval(
            "JSON.stringify([document.documentElement.scrollWidth, innerWidth, \
             [...document.querySelectorAll('body *')] \
               .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5) \
               .slice(0, 5).map(e => e.tagName + '.' + e.className.baseVal + e.className + ' ' + (e.textContent || '').slice(0, 40))])",
        )
    }
}

#[test]
fn in_a_browser_the_page_loads_nothing_logs_no_error_and_runs_no_injected_script() {
    let Some(chrome) = browser_or_skip() else { return };
    let f = hostile_story();
    let (path, _) = write_report(&f, &[]);
    let page = Page::open(&chrome, &path, 1280);
    assert_eq!(page.eval("document.title"), format!("Claims in {}", f.story_name()));
    assert_eq!(page.eval("window.__pwned === undefined"), true, "an injected script ran");
    assert_eq!(page.eval("document.querySelectorAll('script, img, iframe, object, embed').length"), 0);
    let text = page.eval("document.body.textContent").as_str().unwrap().to_string();
    assert!(text.contains("<img src=x onerror=\"window.__pwned=3;alert(1)\">"), "shown as text");
    assert!(text.contains("</script><script>window.__pwned=4</script>"));
    assert!(text.contains("<script>window.__pwned=1</script>"), "a hostile source title is text");
    assert_eq!(page.eval("document.querySelectorAll('a[href^=\"javascript:\"]').length"), 0);
    let seen = page.seen();
    assert!(seen.errors.is_empty(), "console errors: {:?}", seen.errors);
    assert!(seen.dialogs.is_empty(), "dialogs opened: {:?}", seen.dialogs);
    let others: Vec<&String> = seen.requests.iter().filter(|url| **url != page.url).collect();
    assert!(others.is_empty(), "the page made network requests: {others:?}");
}

#[test]
fn in_a_browser_the_two_sides_are_side_by_side_columns() {
    let Some(chrome) = browser_or_skip() else { return };
    let f = Fixture::seeded();
    let (path, _) = write_report(&f, &[]);
    let page = Page::open(&chrome, &path, 1280);
    let sides = page.eval(
        "JSON.stringify(['.side-a', '.side-b'].map(side => { \
           const heading = document.querySelector('#dispute-1 ' + side + ' h4 .actors').getBoundingClientRect(); \
           const actors = [...document.querySelectorAll('#dispute-1 ' + side + ' .claim .actor')].map(a => a.textContent); \
           return {left: heading.left, right: heading.right, top: heading.top, \
                   name: document.querySelector('#dispute-1 ' + side + ' h4 .actors').textContent, actors: [...new Set(actors)]}; }))",
    );
    let sides: serde_json::Value = serde_json::from_str(sides.as_str().unwrap()).unwrap();
    let (a, b) = (&sides[0], &sides[1]);
    assert_eq!(a["name"], "U.S. officials");
    assert_eq!(b["name"], "Islamic Resistance in Iraq");
    assert_eq!(a["actors"], json!(["U.S. officials"]), "only side A's actor in side A's column");
    assert_eq!(b["actors"], json!(["Islamic Resistance in Iraq"]));
    assert!(a["right"].as_f64() < b["left"].as_f64(), "side B is to the right of side A: {sides}");
    assert!((a["top"].as_f64().unwrap() - b["top"].as_f64().unwrap()).abs() < 2.0, "level with each other: {sides}");
    let picture = page.eval("document.querySelectorAll('#dispute-1 svg .node.side-a').length + ':' + document.querySelectorAll('#dispute-1 svg .node.side-b').length");
    assert_eq!(picture, "4:2", "the picture tells the sides apart");
    assert_eq!(page.eval("document.querySelectorAll('#dispute-1 figure > svg path.e-contradicts').length"), 2);
}

#[test]
fn in_a_browser_nothing_overflows_at_phone_width_or_in_print() {
    let Some(chrome) = browser_or_skip() else { return };
    let f = hostile_story();
    let (path, _) = write_report(&f, &[]);
    let page = Page::open(&chrome, &path, 390);
    assert_eq!(page.eval("innerWidth"), 390);
    let overflow = page.overflowing();
    let overflow: serde_json::Value = serde_json::from_str(overflow.as_str().unwrap()).unwrap();
    assert_eq!(overflow[0], 390, "the page is no wider than the phone: {overflow}");
    assert_eq!(overflow[2], json!([]), "elements past the right edge: {overflow}");
    // The page's text runs right to left where the data does.
    assert_eq!(page.eval("getComputedStyle(document.querySelector('#claim-14 .actor')).direction"), "rtl");
    assert_eq!(page.eval("getComputedStyle(document.querySelector('#claim-1 .actor')).direction"), "ltr");

    // Printed on A4 (about 700 px of text width), nothing is cut off either.
    page.tab
        .call_method(serde_json::from_value::<Emulation::SetEmulatedMedia>(json!({"media": "print"})).unwrap())
        .unwrap();
    page.tab
        .call_method(
            serde_json::from_value::<Emulation::SetDeviceMetricsOverride>(
                json!({"width": 700, "height": 1000, "deviceScaleFactor": 1, "mobile": false}),
            )
            .unwrap(),
        )
        .unwrap();
    let overflow: serde_json::Value = serde_json::from_str(page.overflowing().as_str().unwrap()).unwrap();
    assert_eq!(overflow[2], json!([]), "in print: {overflow}");
    assert_eq!(page.eval("getComputedStyle(document.querySelector('nav')).display"), "none", "no navigation on paper");
    let pdf = page.tab.print_to_pdf(None).expect("the page prints");
    assert!(pdf.starts_with(b"%PDF"));
    assert!(page.seen().errors.is_empty());
}
