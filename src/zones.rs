//! Zone tables: the embedded Intervals.icu defaults and how a table becomes absolute bands.
//!
//! Power and pace zones are upper bounds in percent of the threshold (FTP, threshold speed);
//! heart-rate zones are upper bounds in bpm. The last zone's bound is open (`999` %).
//!
//! ```
//! use workout_doc::zones;
//! let bands: Vec<_> = zones::power_bands(&zones::DEFAULT_POWER_ZONES, 290.0).collect();
//! assert_eq!((bands[0].min, bands[0].max), (1.0, 159.0));
//! assert_eq!((bands[1].min, bands[1].max), (160.0, 217.0));
//! ```

/// Intervals.icu's default power zones (Coggan), upper bounds in % FTP: Z1 ≤ 55 % … Z7 open.
pub const DEFAULT_POWER_ZONES: [f64; 7] = [55.0, 75.0, 90.0, 105.0, 120.0, 150.0, 999.0];

/// Intervals.icu's sweet spot band in % FTP, an extra 8th bucket overlapping Z3 and Z4.
pub const DEFAULT_SWEET_SPOT: (f64, f64) = (84.0, 97.0);

/// Intervals.icu's default run pace zones, upper bounds in % of threshold speed
/// (Zone 1, 2, 3, 4, 5a, 5b, 5c).
pub const DEFAULT_PACE_ZONES: [f64; 7] = [77.5, 87.7, 94.3, 100.0, 103.4, 111.5, 999.0];

/// Default heart-rate zones as upper bounds in % LTHR; the 7th zone ends at max HR.
/// Fitted to the Intervals.icu sport-settings example (LTHR 178, max 192 →
/// 147, 156, 165, 174, 179, 184, 192 bpm: Recovery, Aerobic, Tempo, SubThreshold,
/// SuperThreshold, Aerobic Capacity, Anaerobic), each bound floored to whole bpm.
pub const DEFAULT_HR_ZONES_PCT_LTHR: [f64; 6] = [83.0, 88.0, 93.0, 98.0, 101.0, 103.5];

/// The Intervals.icu colours of Z1..Z7 and sweet spot, as in its `zoneTimes` objects.
pub const POWER_ZONE_COLORS: [&str; 8] = [
    "#009e80", "#009e00", "#ffcb0e", "#ff7f0e", "#dd0447", "#6633cc", "#504861", "#ffa00e",
];

/// Z1's lower bound as a fraction of its upper bound when a `Z1` target is resolved.
///
/// The server's probe at FTP 286 (record `rgw-zone-target-probes`) gives `Z1` = 141 W
/// with a Z1 table of 1–157 W: the midpoint of 0.8 × 157 and 157 (141.3).
pub const Z1_FLOOR: f64 = 0.8;

/// A zone's absolute bounds (watts, bpm or m/s), both inclusive.
///
/// ```
/// let b = workout_doc::zones::Band { min: 158.0, max: 214.0 };
/// assert_eq!(b.mid(), 186.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// Lower bound.
    pub min: f64,
    /// Upper bound.
    pub max: f64,
}

impl Band {
    /// The midpoint.
    ///
    /// ```
    /// assert_eq!(workout_doc::zones::Band { min: 1.0, max: 2.0 }.mid(), 1.5);
    /// ```
    pub fn mid(self) -> f64 {
        (self.min + self.max) / 2.0
    }
}

/// The watt table of power zones as Intervals.icu shows it: `max = floor(pct × FTP)`,
/// `min = previous max + 1`, Z1 from 1 W. The open last zone keeps `floor(999 % × FTP)`.
///
/// ```
/// let b: Vec<_> = workout_doc::zones::power_bands(&workout_doc::zones::DEFAULT_POWER_ZONES, 286.0).collect();
/// assert_eq!(b[6].max, 2857.0);
/// ```
pub fn power_bands(upper_pct: &[f64], ftp: f64) -> impl Iterator<Item = Band> + '_ {
    upper_pct.iter().scan(0.0, move |prev, pct| {
        let max = floor_pct(*pct, ftp);
        let band = Band {
            min: *prev + 1.0,
            max,
        };
        *prev = max;
        Some(band)
    })
}

/// Band `i` (0-based) of [`power_bands`], computed alone; `None` past the table.
///
/// ```
/// use workout_doc::zones::{power_band, DEFAULT_POWER_ZONES};
/// let z2 = power_band(&DEFAULT_POWER_ZONES, 290.0, 1);
/// assert_eq!(z2.map(|b| (b.min, b.max)), Some((160.0, 217.0)));
/// assert_eq!(power_band(&DEFAULT_POWER_ZONES, 290.0, 7), None);
/// ```
pub fn power_band(upper_pct: &[f64], ftp: f64, i: usize) -> Option<Band> {
    let prev = match i.checked_sub(1) {
        Some(j) => floor_pct(*upper_pct.get(j)?, ftp),
        None => 0.0,
    };
    Some(Band {
        min: prev + 1.0,
        max: floor_pct(*upper_pct.get(i)?, ftp),
    })
}

/// The sweet spot band in watts: `floor(84 % × FTP)` to `floor(97 % × FTP)`.
///
/// ```
/// let b = workout_doc::zones::sweet_spot_band((84.0, 97.0), 240.0);
/// assert_eq!((b.min, b.max), (201.0, 232.0));
/// ```
pub fn sweet_spot_band(pct: (f64, f64), ftp: f64) -> Band {
    Band {
        min: floor_pct(pct.0, ftp),
        max: floor_pct(pct.1, ftp),
    }
}

/// `floor(pct / 100 × base)` without the float noise of `0.55 × 290 = 159.50000000000003`.
fn floor_pct(pct: f64, base: f64) -> f64 {
    (pct * base / 100.0 + 1e-9).floor()
}

/// The band a power zone target resolves to (1-based `zone`, clamped to the table): the
/// zone's watt table band, with Z1 from [`Z1_FLOOR`] × its upper bound.
///
/// ```
/// use workout_doc::zones::{power_zone_band, DEFAULT_POWER_ZONES};
/// let z2 = power_zone_band(&DEFAULT_POWER_ZONES, 286.0, 2);
/// assert_eq!((z2.min, z2.max), (158.0, 214.0));
/// assert_eq!(power_zone_band(&DEFAULT_POWER_ZONES, 286.0, 1).mid().round(), 141.0);
/// ```
pub fn power_zone_band(upper_pct: &[f64], ftp: f64, zone: usize) -> Band {
    let i = zone.clamp(1, upper_pct.len().max(1)) - 1;
    match power_band(upper_pct, ftp, i) {
        Some(b) if i == 0 => Band {
            min: b.max * Z1_FLOOR,
            max: b.max,
        },
        Some(b) => b,
        None => Band { min: 0.0, max: 0.0 },
    }
}

/// How a power zone target becomes a watt band. The server changed between the 2024 records
/// (`tp2i-*`: `_power` of `Z2` at FTP 240 = 134–180 W, joules to match) and the 2026 ones
/// (`rgw-zone-target-probes`: `Z2` at FTP 286 = 158–214 W).
///
/// ```
/// use workout_doc::zones::{power_zone_band_by, PowerZoneRule, DEFAULT_POWER_ZONES};
/// let old = power_zone_band_by(PowerZoneRule::Percent, &DEFAULT_POWER_ZONES, 240.0, 2);
/// assert_eq!((old.min, old.max), (134.0, 180.0));
/// let new = power_zone_band_by(PowerZoneRule::Table, &DEFAULT_POWER_ZONES, 240.0, 2);
/// assert_eq!((new.min, new.max), (133.0, 180.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PowerZoneRule {
    /// The zone's watt table band ([`power_zone_band`]); the current server (2026).
    #[default]
    Table,
    /// `round((previous % + 1) × FTP)` to `round(% × FTP)`; the server in 2024.
    Percent,
}

/// The band of a power zone target under `rule`.
///
/// ```
/// use workout_doc::zones::{power_zone_band_by, PowerZoneRule, DEFAULT_POWER_ZONES};
/// let b = power_zone_band_by(PowerZoneRule::Percent, &DEFAULT_POWER_ZONES, 240.0, 3);
/// assert_eq!((b.min, b.max), (182.0, 216.0));
/// ```
pub fn power_zone_band_by(rule: PowerZoneRule, upper_pct: &[f64], ftp: f64, zone: usize) -> Band {
    match rule {
        PowerZoneRule::Table => power_zone_band(upper_pct, ftp, zone),
        PowerZoneRule::Percent => {
            let b = percent_band(upper_pct, ftp, zone);
            Band {
                min: (b.min + 0.5 - 1e-9).floor(),
                max: (b.max + 0.5 - 1e-9).floor(),
            }
        }
    }
}

/// Percent-of-threshold bands (pace): zone `k` runs from the previous bound + 1 % to its
/// own bound, times `base` (the threshold speed). Z1 starts at [`Z1_FLOOR`] × its bound.
///
/// ```
/// let b = workout_doc::zones::percent_band(&workout_doc::zones::DEFAULT_PACE_ZONES, 100.0, 2);
/// assert!((b.min - 78.5).abs() < 1e-9 && (b.max - 87.7).abs() < 1e-9);
/// ```
pub fn percent_band(upper_pct: &[f64], base: f64, zone: usize) -> Band {
    let i = zone.clamp(1, upper_pct.len().max(1)) - 1;
    let max = upper_pct.get(i).copied().unwrap_or(100.0);
    let min = match i.checked_sub(1).and_then(|j| upper_pct.get(j)) {
        Some(prev) => prev + 1.0,
        None => max * Z1_FLOOR,
    };
    Band {
        min: min * base / 100.0,
        max: max * base / 100.0,
    }
}

/// Heart-rate bands from bpm upper bounds: zone `k` runs from the previous bound + 1 to its
/// own bound; Z1 from [`Z1_FLOOR`] × its bound.
///
/// ```
/// let b = workout_doc::zones::bpm_band(&[115.0, 140.0, 159.0, 178.0, 198.0], 2);
/// assert_eq!((b.min, b.max), (116.0, 140.0));
/// ```
pub fn bpm_band(upper_bpm: &[f64], zone: usize) -> Band {
    let i = zone.clamp(1, upper_bpm.len().max(1)) - 1;
    let max = upper_bpm.get(i).copied().unwrap_or(0.0);
    let min = match i.checked_sub(1).and_then(|j| upper_bpm.get(j)) {
        Some(prev) => prev + 1.0,
        None => (max * Z1_FLOOR).floor(),
    };
    Band { min, max }
}

/// The 0-based zone a value falls in: the first zone whose upper bound it does not exceed
/// (a zone includes its upper bound); past the last bound, the last zone (0 without bounds).
///
/// ```
/// assert_eq!(workout_doc::zones::zone_of(55.0, [55.0, 75.0, 999.0]), 0);
/// assert_eq!(workout_doc::zones::zone_of(55.5, [55.0, 75.0, 999.0]), 1);
/// assert_eq!(workout_doc::zones::zone_of(1e6, [55.0, 75.0, 999.0]), 2);
/// ```
pub fn zone_of(value: f64, upper: impl IntoIterator<Item = f64>) -> usize {
    let mut last = 0;
    for (k, u) in upper.into_iter().enumerate() {
        if value <= u {
            return k;
        }
        last = k;
    }
    last
}

/// The `percentRange` label of a power zone as Intervals.icu writes it (`"56% - 75%"`,
/// `"0% - 55%"`, `"151% +"`), written by its `Display`.
///
/// ```
/// use workout_doc::zones::{percent_range, DEFAULT_POWER_ZONES};
/// assert_eq!(percent_range(&DEFAULT_POWER_ZONES, 0).to_string(), "0% - 55%");
/// assert_eq!(percent_range(&DEFAULT_POWER_ZONES, 6).to_string(), "151% +");
/// ```
pub fn percent_range(upper_pct: &[f64], i: usize) -> PercentRange {
    let lo = match i.checked_sub(1).and_then(|j| upper_pct.get(j)) {
        Some(p) => p + 1.0,
        None => 0.0,
    };
    let hi = upper_pct
        .get(i)
        .copied()
        .filter(|_| i + 1 < upper_pct.len());
    PercentRange { lo, hi }
}

/// A `percentRange` label: `"{lo}% - {hi}%"`, or `"{lo}% +"` for an open top. Displayed
/// rather than built as a `String`, so a serialiser writes it straight into its output.
///
/// ```
/// let r = workout_doc::zones::PercentRange { lo: 84.0, hi: Some(97.5) };
/// assert_eq!(r.to_string(), "84% - 97.5%");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PercentRange {
    /// Lower bound in percent.
    pub lo: f64,
    /// Upper bound in percent; `None` when open.
    pub hi: Option<f64>,
}

impl std::fmt::Display for PercentRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.hi {
            Some(hi) => write!(f, "{}% - {hi}%", self.lo),
            None => write!(f, "{}% +", self.lo),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_zone_midpoints_at_ftp_286() {
        // rgw-zone-target-probes: the server's average watts of `- 60m Zn`.
        let want = [141.0, 186.0, 236.0, 279.0, 322.0, 387.0, 1644.0];
        for (z, w) in want.iter().enumerate() {
            let mid = power_zone_band(&DEFAULT_POWER_ZONES, 286.0, z + 1).mid();
            assert_eq!((mid + 0.5).floor(), *w, "Z{}", z + 1);
        }
    }

    #[test]
    fn table_at_ftp_290_matches_server() {
        // rgw-sweet-spot-312-123780516 zoneTimes.
        let b: Vec<Band> = power_bands(&DEFAULT_POWER_ZONES, 290.0).collect();
        let got: Vec<(f64, f64)> = b.iter().map(|b| (b.min, b.max)).collect();
        assert_eq!(
            &got[..6],
            &[
                (1.0, 159.0),
                (160.0, 217.0),
                (218.0, 261.0),
                (262.0, 304.0),
                (305.0, 348.0),
                (349.0, 435.0)
            ]
        );
        let ss = sweet_spot_band(DEFAULT_SWEET_SPOT, 290.0);
        assert_eq!((ss.min, ss.max), (243.0, 281.0));
    }
}
