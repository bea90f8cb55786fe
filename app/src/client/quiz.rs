//! Background saving for the quiz island: every answer goes to the device's storage first, then to
//! `POST /peserta/upaya/{id}/jawab` until the server acknowledges it; the countdown runs from the
//! server's deadline and hands the attempt in when time is up.
//!
//! Pending answers are kept in `localStorage` as lines `question \t seq \t answer`, so a reload,
//! a crash of the browser tab or an hour offline loses nothing that was typed. The status bar is
//! written to directly (no reactive views), and every callback goes through one boxed closure
//! type, which keeps this code's wasm small.

use crate::islands::SaverLabels;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Element, Event, Headers, HtmlFormElement, HtmlInputElement, Request, RequestInit, Response,
    UrlSearchParams,
};

/// What the island hands over when it hydrates.
pub struct Setup {
    pub attempt_id: i64,
    pub next_seq: i64,
    pub seconds_left: i64,
    pub timed: bool,
    pub labels: SaverLabels,
}

/// What the status bar says.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SaveState {
    Saved,
    Waiting(usize),
    Offline(usize),
    Closed,
}

/// One answer not yet acknowledged.
struct Pending {
    question: i64,
    seq: i64,
    answer: String,
}

struct Saver {
    attempt_id: i64,
    seq: i64,
    pending: Vec<Pending>,
    in_flight: bool,
    closed: bool,
    handed_in: bool,
    labels: SaverLabels,
}

type Shared = Rc<RefCell<Saver>>;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

fn element(selector: &str) -> Option<Element> {
    window()?
        .document()?
        .query_selector(selector)
        .ok()
        .flatten()
}

/// Runs `f` once after `ms` milliseconds.
fn later(ms: i32, f: Box<dyn FnOnce()>) {
    if let Some(w) = window() {
        let callback = Closure::once_into_js(f);
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
    }
}

/// Calls `f` on every `event` of `target`, for as long as the page lives.
fn listen(target: &web_sys::EventTarget, event: &str, f: Box<dyn FnMut(Event)>) {
    let closure = Closure::wrap(f);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

fn online() -> bool {
    window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

fn key(attempt: i64, suffix: &str) -> String {
    ["pamong.kuis.", &attempt.to_string(), suffix].concat()
}

fn load_pending(attempt: i64) -> Vec<Pending> {
    let Some(text) = storage().and_then(|s| s.get_item(&key(attempt, "")).ok().flatten()) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            Some(Pending {
                question: parts.next()?.parse().ok()?,
                seq: parts.next()?.parse().ok()?,
                answer: parts.next().unwrap_or("").to_string(),
            })
        })
        .collect()
}

impl Saver {
    fn persist(&self) {
        let Some(store) = storage() else { return };
        let mut text = String::new();
        for p in &self.pending {
            text.push_str(&p.question.to_string());
            text.push('\t');
            text.push_str(&p.seq.to_string());
            text.push('\t');
            text.push_str(&p.answer.replace(['\t', '\n'], " "));
            text.push('\n');
        }
        let _ = if text.is_empty() {
            store.remove_item(&key(self.attempt_id, ""))
        } else {
            store.set_item(&key(self.attempt_id, ""), &text)
        };
        let _ = store.set_item(&key(self.attempt_id, ".seq"), &self.seq.to_string());
    }

    fn next_seq(&mut self) -> i64 {
        self.seq += 1;
        self.seq
    }

    fn show(&self, state: SaveState) {
        let Some(el) = element(".save-state") else {
            return;
        };
        let l = &self.labels;
        let (name, text) = match state {
            SaveState::Saved => ("saved", l.saved.clone()),
            SaveState::Waiting(n) => ("waiting", l.waiting.replace("{count}", &n.to_string())),
            SaveState::Offline(n) => ("offline", l.offline.replace("{count}", &n.to_string())),
            SaveState::Closed => ("closed", l.closed.clone()),
        };
        el.set_text_content(Some(&text));
        let _ = el.set_attribute("data-save-state", name);
    }

    /// Saved, waiting or offline, from what is pending and the connection.
    fn show_pending(&self) {
        let n = self.pending.len();
        self.show(if n == 0 {
            SaveState::Saved
        } else if online() {
            SaveState::Waiting(n)
        } else {
            SaveState::Offline(n)
        });
    }

    fn record(&mut self, question: i64, answer: String) {
        let seq = self.next_seq();
        self.pending.retain(|p| p.question != question);
        self.pending.push(Pending {
            question,
            seq,
            answer,
        });
        self.persist();
        self.show_pending();
    }
}

fn notice(text: &str) {
    if let Some(el) = element(".quiz-notice") {
        el.set_text_content(Some(text));
    }
}

fn form() -> Option<HtmlFormElement> {
    window()?
        .document()?
        .get_element_by_id("quiz-form")?
        .dyn_into()
        .ok()
}

fn inputs(form: &HtmlFormElement, question: i64) -> Vec<HtmlInputElement> {
    let mut out = Vec::new();
    let selector = ["[name=\"q", &question.to_string(), "\"]"].concat();
    if let Ok(nodes) = form.query_selector_all(&selector) {
        for i in 0..nodes.length() {
            if let Some(input) = nodes.item(i).and_then(|n| n.dyn_into().ok()) {
                out.push(input);
            }
        }
    }
    out
}

fn is_choice(input: &HtmlInputElement) -> bool {
    matches!(input.type_().as_str(), "radio" | "checkbox")
}

/// The current answer of question `question` in the form: checked option ids joined by `,`, or
/// the typed text.
fn answer_in_form(form: &HtmlFormElement, question: i64) -> String {
    let mut chosen = Vec::new();
    for input in inputs(form, question) {
        if !is_choice(&input) {
            return input.value();
        }
        if input.checked() {
            chosen.push(input.value());
        }
    }
    chosen.join(",")
}

/// Puts a stored answer back into the form (after a reload with answers not yet sent).
fn restore(form: &HtmlFormElement, pending: &Pending) {
    let chosen: Vec<&str> = pending.answer.split(',').collect();
    for input in inputs(form, pending.question) {
        if is_choice(&input) {
            input.set_checked(chosen.contains(&input.value().as_str()));
        } else {
            input.set_value(&pending.answer);
        }
    }
}

async fn post(url: &str, body: &str) -> Result<(u16, String), JsValue> {
    let headers = Headers::new()?;
    headers.set("Accept", "text/plain")?;
    headers.set("Content-Type", "application/x-www-form-urlencoded")?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    let request = Request::new_with_str_and_init(url, &init)?;
    let w = window().ok_or(JsValue::NULL)?;
    let response: Response = JsFuture::from(w.fetch_with_request(&request))
        .await?
        .dyn_into()?;
    let text = JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    Ok((response.status(), text))
}

fn attempt_url(attempt: i64, tail: &str) -> String {
    ["/peserta/upaya/", &attempt.to_string(), tail].concat()
}

fn go(url: String) {
    if let Some(w) = window() {
        let _ = w.location().assign(&url);
    }
}

/// Sends every pending answer in one request, and again while answers keep coming.
fn flush(saver: &Shared) {
    let (attempt, body) = {
        let mut s = saver.borrow_mut();
        if s.in_flight || s.closed || s.pending.is_empty() {
            return;
        }
        let Ok(params) = UrlSearchParams::new() else {
            return;
        };
        s.in_flight = true;
        for p in &s.pending {
            let entry = [
                &p.question.to_string(),
                ":",
                &p.seq.to_string(),
                ":",
                &p.answer,
            ]
            .concat();
            params.append("a", &entry);
        }
        (s.attempt_id, String::from(params.to_string()))
    };
    let saver = saver.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = post(&attempt_url(attempt, "/jawab"), &body).await;
        let retry_in = {
            let mut s = saver.borrow_mut();
            s.in_flight = false;
            match outcome {
                Ok((200, text)) => {
                    for line in text.lines() {
                        let mut parts = line.split(':');
                        let question = parts.next().and_then(|q| q.parse::<i64>().ok());
                        let seq = parts.next().and_then(|q| q.parse::<i64>().ok());
                        s.pending
                            .retain(|p| Some(p.question) != question || Some(p.seq) != seq);
                    }
                    s.persist();
                    s.show_pending();
                    if s.pending.is_empty() {
                        None
                    } else {
                        Some(0)
                    }
                }
                Ok((409, _)) => {
                    // Handed in elsewhere, or the time and its grace are over: show the result.
                    s.closed = true;
                    s.pending.clear();
                    s.persist();
                    s.show(SaveState::Closed);
                    let url = attempt_url(s.attempt_id, "/hasil");
                    later(1500, Box::new(move || go(url)));
                    None
                }
                Ok(_) => {
                    s.show(SaveState::Waiting(s.pending.len()));
                    Some(5000)
                }
                Err(_) => {
                    s.show(SaveState::Offline(s.pending.len()));
                    Some(3000)
                }
            }
        };
        if let Some(ms) = retry_in {
            later(ms, Box::new(move || flush(&saver)));
        }
    });
}

/// Time is up: send what is pending, hand the attempt in, show the result.
fn hand_in(saver: &Shared) {
    let attempt = {
        let mut s = saver.borrow_mut();
        if s.handed_in || s.closed {
            return;
        }
        s.handed_in = true;
        s.attempt_id
    };
    flush(saver);
    // Give the last save a moment; the server takes saves until the deadline plus grace.
    later(
        1500,
        Box::new(move || {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = post(&attempt_url(attempt, "/selesai"), "").await;
                go(attempt_url(attempt, "/hasil"));
            });
        }),
    );
}

/// Question id of a form control named `q{id}`.
fn question_of(event: &Event) -> Option<i64> {
    let input: HtmlInputElement = event.target()?.dyn_into().ok()?;
    input.name().strip_prefix('q')?.parse().ok()
}

/// Milliseconds on the page's monotonic clock (unaffected by changing the device's time).
fn monotonic_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// Wires the form, the network events and the countdown, once the island has hydrated.
pub fn start(setup: Setup) {
    later(0, Box::new(move || wire(setup)));
}

fn wire(setup: Setup) {
    let Some(form) = form() else { return };
    let stored_seq = storage()
        .and_then(|s| s.get_item(&key(setup.attempt_id, ".seq")).ok().flatten())
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    let pending = load_pending(setup.attempt_id);
    for p in &pending {
        restore(&form, p);
    }
    let offline_nav = setup.labels.offline_nav.clone();
    let time_left = setup.labels.time_left.clone();
    let saver: Shared = Rc::new(RefCell::new(Saver {
        attempt_id: setup.attempt_id,
        seq: stored_seq.max(setup.next_seq - 1),
        pending,
        in_flight: false,
        closed: false,
        handed_in: false,
        labels: setup.labels,
    }));
    saver.borrow().show_pending();

    for event in ["change", "input"] {
        let saver = saver.clone();
        let form = form.clone();
        listen(
            &form.clone(),
            event,
            Box::new(move |event: Event| {
                let Some(question) = question_of(&event) else {
                    return;
                };
                let answer = answer_in_form(&form, question);
                saver.borrow_mut().record(question, answer);
                flush(&saver);
            }),
        );
    }

    {
        let saver = saver.clone();
        let form_for_seq = form.clone();
        listen(
            &form,
            "submit",
            Box::new(move |event: Event| {
                if !online() {
                    event.prevent_default();
                    notice(&offline_nav);
                    return;
                }
                // The page's answers go with the post, under a sequence number above every save.
                let seq = saver.borrow_mut().next_seq();
                saver.borrow().persist();
                if let Ok(Some(field)) = form_for_seq.query_selector("input[name=\"seq\"]") {
                    if let Ok(field) = field.dyn_into::<HtmlInputElement>() {
                        field.set_value(&seq.to_string());
                    }
                }
            }),
        );
    }

    if let Some(w) = window() {
        for event in ["online", "offline"] {
            let saver = saver.clone();
            listen(
                &w,
                event,
                Box::new(move |_| {
                    notice("");
                    saver.borrow().show_pending();
                    flush(&saver);
                }),
            );
        }
    }

    if setup.timed && setup.seconds_left > 0 {
        let started = monotonic_ms();
        let total_ms = setup.seconds_left as f64 * 1000.0;
        let timer = saver.clone();
        let tick: Box<dyn FnMut()> = Box::new(move || {
            // Only elapsed time is measured on the device; the deadline came from the server.
            let remaining = ((total_ms - (monotonic_ms() - started)) / 1000.0).ceil();
            let shown = remaining.max(0.0) as i64;
            if let Some(el) = element(".quiz-timer") {
                let clock = [
                    time_left.as_str(),
                    " ",
                    &(shown / 60).to_string(),
                    ":",
                    if shown % 60 < 10 { "0" } else { "" },
                    &(shown % 60).to_string(),
                ]
                .concat();
                el.set_text_content(Some(&clock));
            }
            if remaining <= -1.0 {
                hand_in(&timer);
            }
        });
        let tick = Closure::wrap(tick);
        if let Some(w) = window() {
            let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                1000,
            );
        }
        tick.forget();
    }
    flush(&saver);
}
