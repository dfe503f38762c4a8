//! The sport a workout is for: an Intervals.icu activity type, kept by name, and the family
//! (ride, run, swim or other) that picks the defaults for it.

use crate::model::PaceLength;

/// The Intervals.icu activity types, in Intervals.icu's spelling, separated by spaces.
/// One string rather than a table of string slices: the `.wasm` carries these bytes once.
const TYPES: &str = "Ride VirtualRide GravelRide MountainBikeRide EMountainBikeRide EBikeRide \
    TrackRide Velomobile Handcycle Run VirtualRun TrailRun Swim OpenWaterSwim Walk Hike \
    Rowing VirtualRow NordicSki VirtualSki RollerSki AlpineSki BackcountrySki Snowboard \
    Snowshoe IceSkate InlineSkate Skateboard Canoeing Kayaking StandUpPaddling Surfing \
    Kitesurf Windsurf Sail WaterSport Workout WeightTraining HighIntensityIntervalTraining \
    Crossfit Elliptical StairStepper Pilates Yoga RockClimbing Golf Soccer Tennis \
    TableTennis Badminton Squash Racquetball Padel Pickleball Hockey Rugby Wheelchair \
    Transition Other";

/// Other names people and files use for a type: Zwift's `bike`, and the plain words.
const ALIASES: [(&str, &str); 7] = [
    ("bike", "Ride"),
    ("cycling", "Ride"),
    ("virtual_ride", "VirtualRide"),
    ("running", "Run"),
    ("swimming", "Swim"),
    ("row", "Rowing"),
    ("strength", "WeightTraining"),
];

/// The sport a workout is for: one Intervals.icu activity type (`Ride`, `TrailRun`,
/// `WeightTraining`, …), kept by its name, and the [`SportFamily`] that picks the defaults
/// (threshold pace, load) and the targets a format keeps.
///
/// ```
/// use workout_doc::{Sport, SportFamily};
/// let s = Sport::from_name("weighttraining").unwrap();
/// assert_eq!((s.as_str(), s.family()), ("WeightTraining", SportFamily::Other));
/// assert_eq!(Sport::from_name("TRAILRUN").map(Sport::family), Some(SportFamily::Run));
/// assert_eq!(Sport::Run.as_str(), "Run");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sport {
    /// The activity type, in Intervals.icu's spelling: a word of [`TYPES`].
    name: &'static str,
}

/// What a sport's defaults and targets follow.
///
/// ```
/// use workout_doc::{Sport, SportFamily};
/// assert_eq!(Sport::from_name("OpenWaterSwim").map(Sport::family), Some(SportFamily::Swim));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SportFamily {
    /// Cycling: `Ride`, `VirtualRide`, `GravelRide`, … (every `…Ride`), `Velomobile`,
    /// `Handcycle`.
    Ride,
    /// Running: `Run`, `VirtualRun`, `TrailRun`.
    Run,
    /// Swimming: `Swim`, `OpenWaterSwim`.
    Swim,
    /// Every other type: `Walk`, `Rowing`, `NordicSki`, `WeightTraining`, `Yoga`, `Other`, …
    Other,
}

// The common types as constants, named as Intervals.icu names them (`Sport::Run`).
#[allow(non_upper_case_globals)]
impl Sport {
    /// `Ride`.
    pub const Ride: Sport = Sport { name: "Ride" };
    /// `Run`.
    pub const Run: Sport = Sport { name: "Run" };
    /// `Swim`.
    pub const Swim: Sport = Sport { name: "Swim" };
    /// `Rowing`.
    pub const Row: Sport = Sport { name: "Rowing" };
}

impl Sport {
    /// The sport of the activity type `name`, spelled as in [`TYPES`] (a unit test checks
    /// every name the crate gives here).
    pub(crate) const fn named(name: &'static str) -> Sport {
        Sport { name }
    }

    /// The Intervals.icu activity type (`VirtualRide`).
    ///
    /// ```
    /// assert_eq!(workout_doc::Sport::Ride.as_str(), "Ride");
    /// ```
    pub fn as_str(self) -> &'static str {
        self.name
    }

    /// Every activity type, in Intervals.icu's spelling.
    ///
    /// ```
    /// assert!(workout_doc::Sport::names().any(|n| n == "NordicSki"));
    /// ```
    pub fn names() -> impl Iterator<Item = &'static str> {
        TYPES.split_ascii_whitespace()
    }

    /// Reads an Intervals.icu activity type in any case (`weighttraining`, `VIRTUALRIDE`),
    /// or one of Zwift's and people's words for one: `bike`, `cycling`, `running`,
    /// `swimming`, `row`, `strength`.
    ///
    /// ```
    /// use workout_doc::Sport;
    /// assert_eq!(Sport::from_name("bike"), Some(Sport::Ride));
    /// assert_eq!(Sport::from_name(" virtualride ").map(Sport::as_str), Some("VirtualRide"));
    /// assert_eq!(Sport::from_name("chess"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Sport> {
        let name = name.trim();
        let name = ALIASES
            .iter()
            .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
            .map_or(name, |&(_, known)| known);
        Sport::names()
            .find(|known| known.eq_ignore_ascii_case(name))
            .map(|name| Sport { name })
    }

    /// The family that picks the sport's defaults.
    ///
    /// ```
    /// use workout_doc::{Sport, SportFamily};
    /// assert_eq!(Sport::from_name("Velomobile").map(Sport::family), Some(SportFamily::Ride));
    /// assert_eq!(Sport::Row.family(), SportFamily::Other);
    /// ```
    pub fn family(self) -> SportFamily {
        let name = self.name;
        if name.ends_with("Ride") || name == "Velomobile" || name == "Handcycle" {
            SportFamily::Ride
        } else if name.ends_with("Run") {
            SportFamily::Run
        } else if name.ends_with("Swim") {
            SportFamily::Swim
        } else {
            SportFamily::Other
        }
    }

    /// True for the indoor types (`VirtualRide`, `VirtualRun`, `VirtualRow`, `VirtualSki`):
    /// Intervals.icu resolves their single power targets without the outdoor ±3 % range.
    ///
    /// ```
    /// use workout_doc::Sport;
    /// assert!(Sport::from_name("VirtualRide").is_some_and(Sport::is_indoor));
    /// assert!(!Sport::Ride.is_indoor());
    /// ```
    pub fn is_indoor(self) -> bool {
        self.name.starts_with("Virtual")
    }

    /// The distance the sport's paces are given over: `/100m` for swims, `/500m` for
    /// rowing, `/km` for the rest.
    ///
    /// ```
    /// use workout_doc::{PaceLength, Sport};
    /// assert_eq!(Sport::Swim.pace_length(), PaceLength::Hm);
    /// assert_eq!(Sport::Row.pace_length(), PaceLength::M500);
    /// ```
    pub fn pace_length(self) -> PaceLength {
        if self.name.ends_with("Row") || self.name == "Rowing" {
            PaceLength::M500
        } else {
            self.family().bare_pace_length()
        }
    }
}

impl SportFamily {
    /// The family of `sport`, ride when there is none (the defaults of a workout that does
    /// not say).
    ///
    /// ```
    /// use workout_doc::{Sport, SportFamily};
    /// assert_eq!(SportFamily::of(None), SportFamily::Ride);
    /// assert_eq!(SportFamily::of(Some(Sport::Swim)), SportFamily::Swim);
    /// ```
    pub fn of(sport: Option<Sport>) -> SportFamily {
        sport.map_or(SportFamily::Ride, Sport::family)
    }

    /// The length a pace written without one (`4:30`, a FIT speed) is read over: 100 m
    /// for swims, 1 km for the rest. Rowing's paces are shown over 500 m
    /// ([`Sport::pace_length`]), but a bare one is still read per km.
    ///
    /// ```
    /// use workout_doc::{PaceLength, SportFamily};
    /// assert_eq!(SportFamily::Swim.bare_pace_length(), PaceLength::Hm);
    /// assert_eq!(SportFamily::Other.bare_pace_length(), PaceLength::Km);
    /// ```
    pub fn bare_pace_length(self) -> PaceLength {
        match self {
            SportFamily::Swim => PaceLength::Hm,
            _ => PaceLength::Km,
        }
    }
}

impl std::fmt::Display for Sport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Sport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Sport {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Sport::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "unknown sport \"{}\": expected an Intervals.icu activity type",
                crate::codec::quoted(&name)
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_reads_back_in_any_case() {
        for name in Sport::names() {
            let sport = Sport::from_name(&name.to_ascii_lowercase());
            assert_eq!(sport.map(Sport::as_str), Some(name));
        }
        assert_eq!(Sport::names().count(), 59);
    }

    #[test]
    fn families() {
        let family = |n: &str| Sport::from_name(n).map(Sport::family);
        for (names, want) in [
            (
                &[
                    "Ride",
                    "VirtualRide",
                    "GravelRide",
                    "MountainBikeRide",
                    "EBikeRide",
                    "TrackRide",
                ][..],
                SportFamily::Ride,
            ),
            (&["Run", "VirtualRun", "TrailRun"], SportFamily::Run),
            (&["Swim", "OpenWaterSwim"], SportFamily::Swim),
            (
                &[
                    "Walk",
                    "Hike",
                    "Rowing",
                    "VirtualRow",
                    "NordicSki",
                    "Workout",
                    "WeightTraining",
                    "Yoga",
                    "Other",
                ],
                SportFamily::Other,
            ),
        ] {
            for name in names {
                assert_eq!(family(name), Some(want), "{name}");
            }
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_by_name() {
        let s: Sport = serde_json::from_str("\"trailrun\"").unwrap_or(Sport::Ride);
        assert_eq!(
            serde_json::to_string(&s).ok().as_deref(),
            Some("\"TrailRun\"")
        );
        assert!(serde_json::from_str::<Sport>("\"chess\"").is_err());
    }
}
