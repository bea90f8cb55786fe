//! The browser side of the navigation's unread count and the bell: an `EventSource` on
//! `/belum-dibaca/aliran` whose counts (`belum-dibaca` for boards, `pemberitahuan` for
//! notifications) are written into the server-rendered badges, closed while the phone is offline
//! and opened again when it is back (the server then counts afresh).

use crate::islands::badge_text;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{EventSource, MessageEvent};

type Handler = Closure<dyn FnMut(web_sys::Event)>;

struct Follower {
    url: String,
    /// The accessible text, `{n}` standing for the count.
    label: String,
    /// The bell's accessible text, `{n}` standing for the count.
    bell_label: String,
    source: RefCell<Option<(EventSource, [Handler; 3])>>,
}

/// Keeps the badge `#belum-dibaca` up to date, leaving out board `viewing`, and the bell.
pub fn follow(viewing: Option<i64>, label: String, bell_label: String) {
    let url = match viewing {
        Some(board) => format!("/belum-dibaca/aliran?kecuali={board}"),
        None => "/belum-dibaca/aliran".to_string(),
    };
    let follower = Rc::new(Follower {
        url,
        label,
        bell_label,
        source: RefCell::new(None),
    });
    open(&follower);
    let (closing, opening) = (follower.clone(), follower);
    super::live::on_connectivity(move || close(&closing), move || open(&opening));
}

fn close(follower: &Follower) {
    if let Some((source, _)) = follower.source.borrow_mut().take() {
        source.close();
    }
}

fn open(follower: &Rc<Follower>) {
    close(follower);
    let Ok(source) = EventSource::new(&follower.url) else {
        return;
    };
    let label = follower.label.clone();
    let on_count = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        if let Some(n) = number(event) {
            show(n, &label);
        }
    });
    let _ =
        source.add_event_listener_with_callback("belum-dibaca", on_count.as_ref().unchecked_ref());
    let bell_label = follower.bell_label.clone();
    let on_bell = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        if let Some(n) = number(event) {
            ring(n, &bell_label);
        }
    });
    let _ =
        source.add_event_listener_with_callback("pemberitahuan", on_bell.as_ref().unchecked_ref());
    // A newer stream of the same person took this one's place (too many open): reconnecting
    // would close another tab's stream in turn.
    let on_replaced = {
        let source = source.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| source.close())
    };
    let _ = source.add_event_listener_with_callback("tutup", on_replaced.as_ref().unchecked_ref());
    *follower.source.borrow_mut() = Some((source, [on_count, on_bell, on_replaced]));
}

/// Writes count `n` into the badge (hidden at zero).
fn show(n: i64, label: &str) {
    let Some(badge) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("belum-dibaca"))
    else {
        return;
    };
    let text = badge_text(n);
    badge.set_text_content(Some(&text));
    let _ = badge.set_attribute("aria-label", &label.replace("{n}", &text));
    if n > 0 {
        let _ = badge.remove_attribute("hidden");
    } else {
        let _ = badge.set_attribute("hidden", "");
    }
}

/// The count an event carries.
fn number(event: web_sys::Event) -> Option<i64> {
    event
        .dyn_into::<MessageEvent>()
        .ok()
        .and_then(|m| m.data().as_string())
        .and_then(|d| d.trim().parse::<i64>().ok())
}

/// Writes count `n` into the bell (the badge hidden at zero) and its accessible name.
fn ring(n: i64, label: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let text = badge_text(n);
    if let Some(bell) = document.get_element_by_id("lonceng") {
        let _ = bell.set_attribute("aria-label", &label.replace("{n}", &text));
    }
    if let Some(badge) = document.get_element_by_id("pemberitahuan") {
        badge.set_text_content(Some(&text));
        if n > 0 {
            let _ = badge.remove_attribute("hidden");
        } else {
            let _ = badge.set_attribute("hidden", "");
        }
    }
}
