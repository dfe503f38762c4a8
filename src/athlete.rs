//! The athlete a workout is planned for: thresholds and zones.

use crate::model::Sport;

/// Thresholds and zones used to resolve targets and compute what a planner shows.
///
/// ```
/// let a = workout_doc::Athlete { ftp: Some(250.0), ..Default::default() };
/// assert_eq!(a.ftp, Some(250.0));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Athlete {
    /// Sport the thresholds are for.
    pub sport: Option<Sport>,
    /// Functional threshold power, W.
    pub ftp: Option<f64>,
    /// Threshold heart rate, bpm.
    pub lthr: Option<f64>,
    /// Maximum heart rate, bpm.
    pub max_hr: Option<f64>,
    /// Threshold pace as a speed, m/s.
    pub threshold_pace: Option<f64>,
}
