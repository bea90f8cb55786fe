//! Plots drawn on the server as SVG inside the page: no chart script is downloaded, they read
//! with JavaScript off and print. Each sits in a [`Figure`] with its title, its description and
//! the table it was drawn from (for screen readers and for copying).
//!
//! A small module of our own rather than a plotting crate: the dashboards need horizontal bars
//! (counts, shares, distributions), which are a few rectangles and labels, and the crates that
//! draw SVG (plotters, charming) bring a font stack and tens of thousands of lines to the build
//! for axes and layouts we do not use. See `docs/BENCHMARKS.md` for what a plot adds to a page.

mod bars;
mod figure;

pub use bars::{bar_geometry, BarPlot, BarRow};
pub use figure::{Figure, TableView};
