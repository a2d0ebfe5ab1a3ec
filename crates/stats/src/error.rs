//! The one error type of the crate.

/// Why a design could not be built or an analysis could not be run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StatsError {
    /// An input that must hold at least one value holds none.
    #[error("{what}: empty input")]
    Empty {
        /// Which input.
        what: &'static str,
    },
    /// Two inputs (or an input and a design) disagree in length.
    #[error("{what}: expected {expected}, found {found}")]
    SizeMismatch {
        /// Which length.
        what: &'static str,
        /// The length the design or the other input implies.
        expected: usize,
        /// The length given.
        found: usize,
    },
    /// Too few samples, base rows, trajectories or resamples for the method.
    #[error("sample size too small for {method}: {n} given, at least {min} needed")]
    SampleTooSmall {
        /// The method (e.g. "Sobol' indices").
        method: &'static str,
        /// The size given.
        n: usize,
        /// The smallest size the method accepts.
        min: usize,
    },
    /// More Sobol' dimensions than the embedded direction numbers cover.
    #[error(
        "{dims} Sobol' dimensions requested, but the embedded Joe-Kuo direction numbers cover {max} \
         (a Saltelli design for k factors needs 2k)"
    )]
    DimensionTooHigh {
        /// Dimensions requested.
        dims: usize,
        /// Dimensions available ([`crate::design::MAX_SOBOL_DIMS`]).
        max: usize,
    },
    /// A tuning parameter outside its domain.
    #[error("invalid {name} = {value}: {rule}")]
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// The value given, as text.
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A NaN or infinite value where only finite values make sense.
    #[error("{what}: value {value} at index {index} is not finite")]
    NonFinite {
        /// Which input.
        what: &'static str,
        /// Position of the first offending value (row-major for matrices).
        index: usize,
        /// The value.
        value: f64,
    },
    /// The outputs do not vary, so variance-based indices are undefined.
    #[error("{what}: the output variance is zero, so the indices are undefined")]
    ZeroVariance {
        /// Which analysis.
        what: &'static str,
    },
    /// A Morris design whose consecutive points do not differ in exactly one factor.
    #[error("Morris design, trajectory {trajectory}, step {step}: {problem}")]
    NotATrajectory {
        /// Trajectory index (0-based).
        trajectory: usize,
        /// Step within the trajectory (1-based: between points `step - 1` and `step`).
        step: usize,
        /// What is wrong.
        problem: String,
    },
    /// PRIM was given no case of interest (every label false).
    #[error("PRIM: no case of interest (every label is false), so coverage is undefined")]
    NoPositives,
}
