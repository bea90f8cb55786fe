//! Planning types shared by the server and the wasm client.

pub mod forms;
