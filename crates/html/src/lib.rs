//! Self-contained HTML reports of Deterrence Lab results (`deterrence report`).
//!
//! One HTML file per report: inline CSS, charts as inline SVG drawn with `plotters` (SVG backend
//! only), no scripts and nothing loaded from the network. A caveat banner opens every report and
//! the provenance (seed, tool version, commit, scenario, data sources with citations) closes it;
//! every chart has a title, axis labels with units and, where it shows several series, a legend.
//!
//! - [`page`]: the document ([`page::Page`] of [`page::Section`]s of charts, tables and notes),
//!   [`page::escape`] and [`page::render`];
//! - [`chart`]: the chart kinds (lines, fan, bars with intervals, curve, region map, forest,
//!   histogram, weighted scatter, intervals);
//! - [`text`]: HTML escaping, table numbers and the table of text cells, shared below pages
//!   and charts;
//! - [`frame`]: CSV text as a table with typed columns;
//! - [`reports`]: the pages of a run, an experiment, a paradox experiment, a validation and a
//!   calibration, built from typed inputs.
//!
//! - [`load`]: from results on disk (a run, an experiment, a paradox experiment, a calibration,
//!   a validation)
//!   to the page — the one module that reads files.
//!
//! Everything else only renders: it takes typed values and returns a String.

pub mod chart;
pub mod frame;
pub mod load;
pub mod page;
pub mod reports;
pub mod text;

pub use frame::Frame;
pub use page::{escape, render};
