//! The browser side of the navigation's unread count: an `EventSource` on
//! `/belum-dibaca/aliran` whose counts are written into the server-rendered badge, closed while
//! the phone is offline and opened again when it is back (the server then counts afresh).

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
    source: RefCell<Option<(EventSource, [Handler; 2])>>,
}

/// Keeps the badge `#belum-dibaca` up to date, leaving out board `viewing`.
pub fn follow(viewing: Option<i64>, label: String) {
    let url = match viewing {
        Some(board) => format!("/belum-dibaca/aliran?kecuali={board}"),
        None => "/belum-dibaca/aliran".to_string(),
    };
    let follower = Rc::new(Follower {
        url,
        label,
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
        let number = event
            .dyn_into::<MessageEvent>()
            .ok()
            .and_then(|m| m.data().as_string())
            .and_then(|d| d.trim().parse::<i64>().ok());
        if let Some(n) = number {
            show(n, &label);
        }
    });
    let _ =
        source.add_event_listener_with_callback("belum-dibaca", on_count.as_ref().unchecked_ref());
    // A newer stream of the same person took this one's place (too many open): reconnecting
    // would close another tab's stream in turn.
    let on_replaced = {
        let source = source.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| source.close())
    };
    let _ = source.add_event_listener_with_callback("tutup", on_replaced.as_ref().unchecked_ref());
    *follower.source.borrow_mut() = Some((source, [on_count, on_replaced]));
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
