//! The browser side of a board's live stream: an `EventSource` on `/papan/{id}/aliran`, and the
//! DOM operations each event carries.

use leptos::prelude::*;
use serde::Deserialize;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{EventSource, MessageEvent};

/// One operation on the page.
#[derive(Debug, Deserialize)]
struct Op {
    /// Replace the element with this id, or (if missing) put `html` first in `into`.
    upsert: Option<String>,
    /// Append `html` to `into` unless an element with this id exists already.
    add: Option<String>,
    /// Unhide the element with this id.
    show: Option<String>,
    into: Option<String>,
    html: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Frame {
    ops: Vec<Op>,
}

/// A DOM event handler kept alive in Rust.
type Handler = Closure<dyn FnMut(web_sys::Event)>;

struct Follower {
    board: i64,
    last: Cell<i64>,
    source: RefCell<Option<EventSource>>,
    connected: RwSignal<bool>,
    /// Kept alive as long as the follower: the handlers of the current source.
    handlers: RefCell<Vec<Handler>>,
}

/// Starts following `board` after event `after`, keeping `connected` up to date.
pub fn follow(board: i64, after: i64, connected: RwSignal<bool>) {
    let follower = Rc::new(Follower {
        board,
        last: Cell::new(after),
        source: RefCell::new(None),
        connected,
        handlers: RefCell::new(Vec::new()),
    });
    open(&follower);
    // A phone that goes offline keeps a dead connection for a long time: close it, and open a
    // fresh one (resuming after the last event) as soon as the network is back.
    let (closing, opening) = (follower.clone(), follower);
    on_connectivity(move || close(&closing), move || open(&opening));
}

/// Runs `offline` when the browser loses the network and `online` when it is back (for as long
/// as the page lives).
pub fn on_connectivity(offline: impl Fn() + 'static, online: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let offline = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| offline());
    let online = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| online());
    let _ = window.add_event_listener_with_callback("offline", offline.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
    offline.forget();
    online.forget();
}

fn close(follower: &Rc<Follower>) {
    if let Some(source) = follower.source.borrow_mut().take() {
        source.close();
    }
    follower.handlers.borrow_mut().clear();
    follower.connected.set(false);
}

fn open(follower: &Rc<Follower>) {
    close(follower);
    let url = format!(
        "/papan/{}/aliran?sejak={}",
        follower.board,
        follower.last.get()
    );
    let Ok(source) = EventSource::new(&url) else {
        return;
    };
    let on_event = {
        let follower = follower.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Ok(message) = event.dyn_into::<MessageEvent>() else {
                return;
            };
            if let Ok(id) = message.last_event_id().parse::<i64>() {
                follower.last.set(follower.last.get().max(id));
            }
            if let Some(data) = message.data().as_string() {
                if let Ok(frame) = serde_json::from_str::<Frame>(&data) {
                    frame.ops.iter().for_each(apply);
                }
            }
        })
    };
    let on_reload = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    let on_open = {
        let connected = follower.connected;
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| connected.set(true))
    };
    let on_error = {
        let connected = follower.connected;
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| connected.set(false))
    };
    // A newer stream of the same person took this one's place (too many open): reconnecting
    // would close another tab's stream in turn.
    let on_replaced = {
        let (connected, source) = (follower.connected, source.clone());
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            source.close();
            connected.set(false);
        })
    };
    let _ = source.add_event_listener_with_callback("papan", on_event.as_ref().unchecked_ref());
    let _ =
        source.add_event_listener_with_callback("muat-ulang", on_reload.as_ref().unchecked_ref());
    let _ = source.add_event_listener_with_callback("open", on_open.as_ref().unchecked_ref());
    let _ = source.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
    let _ = source.add_event_listener_with_callback("tutup", on_replaced.as_ref().unchecked_ref());
    *follower.handlers.borrow_mut() = vec![on_event, on_reload, on_open, on_error, on_replaced];
    *follower.source.borrow_mut() = Some(source);
}

/// Applies one operation; elements the page does not have are skipped (a board page ignores a
/// comment's thread, a post page another post's card).
fn apply(op: &Op) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let by_id = |id: &str| document.get_element_by_id(id);
    let html = op.html.as_deref().unwrap_or_default();
    if let Some(id) = &op.upsert {
        match by_id(id) {
            Some(existing) => existing.set_outer_html(html),
            None => {
                if let Some(list) = op.into.as_deref().and_then(by_id) {
                    let _ = list.insert_adjacent_html("afterbegin", html);
                    mark_new(&document, id, op.into.as_deref());
                }
            }
        }
    }
    if let Some(id) = &op.add {
        if by_id(id).is_none() {
            if let Some(list) = op.into.as_deref().and_then(by_id) {
                let _ = list.insert_adjacent_html("beforeend", html);
                mark_new(&document, id, op.into.as_deref());
            }
        }
    }
    if let Some(id) = &op.show {
        if let Some(element) = by_id(id) {
            let _ = element.remove_attribute("hidden");
        }
    }
}

/// Highlights a newly inserted element and hides its list's "nothing yet" line.
fn mark_new(document: &web_sys::Document, id: &str, list: Option<&str>) {
    if let Some(element) = document.get_element_by_id(id) {
        let _ = element.class_list().add_1("baru");
    }
    if let Some(empty) = list.and_then(|l| document.get_element_by_id(&format!("{l}-kosong"))) {
        let _ = empty.set_attribute("hidden", "");
    }
}
