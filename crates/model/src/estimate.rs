//! Uncertain numbers: a best estimate with an optional low–high range.
//!
//! Scenario files may write any numeric input either as a plain number (`launchers = 400`) or as
//! a range `{ low = .., best = .., high = .. }` when sources disagree or the value is an
//! assumption. The calculus uses [`Estimate::best`] unless the caller asks for a bound
//! ([`Bound`]); reports use [`Estimate::is_uncertain`] to say which inputs were uncertain.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A number with an optional range: `low <= best <= high` always holds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// The lowest value the sources support.
    pub low: f64,
    /// The value used by default.
    pub best: f64,
    /// The highest value the sources support.
    pub high: f64,
}

/// Which value of every [`Estimate`] a computation uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// The lower end of every range.
    Low,
    /// The best estimate (default).
    #[default]
    Best,
    /// The upper end of every range.
    High,
}

impl Estimate {
    /// An exact value (no range).
    pub const fn exact(value: f64) -> Self {
        Self { low: value, best: value, high: value }
    }

    /// A range; returns `None` unless `low <= best <= high` and all are finite.
    pub fn range(low: f64, best: f64, high: f64) -> Option<Self> {
        (low.is_finite() && best.is_finite() && high.is_finite() && low <= best && best <= high).then_some(Self {
            low,
            best,
            high,
        })
    }

    /// The value for the given bound.
    pub fn at(&self, bound: Bound) -> f64 {
        match bound {
            Bound::Low => self.low,
            Bound::Best => self.best,
            Bound::High => self.high,
        }
    }

    /// True when the range is wider than a point.
    pub fn is_uncertain(&self) -> bool {
        self.low < self.high
    }
}

impl From<f64> for Estimate {
    fn from(value: f64) -> Self {
        Self::exact(value)
    }
}

impl fmt::Display for Estimate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_uncertain() {
            write!(f, "{} ({}–{})", self.best, self.low, self.high)
        } else {
            write!(f, "{}", self.best)
        }
    }
}

impl<'de> Deserialize<'de> for Estimate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EstimateVisitor)
    }
}

struct EstimateVisitor;

impl<'de> Visitor<'de> for EstimateVisitor {
    type Value = Estimate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or a range `{ low = .., best = .., high = .. }`")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Estimate, E> {
        Ok(Estimate::exact(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Estimate, E> {
        Ok(Estimate::exact(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Estimate, E> {
        if v.is_finite() {
            Ok(Estimate::exact(v))
        } else {
            Err(E::custom(format!("expected a finite number, got {v}")))
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Estimate, A::Error> {
        let (mut low, mut best, mut high) = (None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            let slot = match key.as_str() {
                "low" => &mut low,
                "best" => &mut best,
                "high" => &mut high,
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown key `{other}` in a range, expected `low`, `best` and `high`"
                    )));
                }
            };
            if slot.is_some() {
                return Err(de::Error::custom(format!("duplicate key `{key}` in a range")));
            }
            *slot = Some(map.next_value::<Number>()?.0);
        }
        let missing: Vec<&str> = [("low", low), ("best", best), ("high", high)]
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| *k)
            .collect();
        if !missing.is_empty() {
            return Err(de::Error::custom(format!(
                "a range needs `low`, `best` and `high`; missing `{}`",
                missing.join("`, `")
            )));
        }
        let (low, best, high) = (low.unwrap_or(0.0), best.unwrap_or(0.0), high.unwrap_or(0.0));
        Estimate::range(low, best, high).ok_or_else(|| {
            de::Error::custom(format!(
                "expected low <= best <= high in a range, got low = {low}, best = {best}, high = {high}"
            ))
        })
    }
}

/// A finite number written as an integer or a float.
struct Number(f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                if v.is_finite() { Ok(Number(v)) } else { Err(E::custom(format!("expected a finite number, got {v}"))) }
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Doc {
        x: Estimate,
    }

    #[test]
    fn plain_numbers_are_exact() {
        let d: Doc = toml::from_str("x = 4").unwrap();
        assert_eq!(d.x, Estimate::exact(4.0));
        assert!(!d.x.is_uncertain());
        let d: Doc = toml::from_str("x = 0.25").unwrap();
        assert_eq!(d.x.best, 0.25);
    }

    #[test]
    fn ranges_parse_and_order_is_checked() {
        let d: Doc = toml::from_str("x = { low = 1, best = 2.5, high = 3 }").unwrap();
        assert_eq!((d.x.low, d.x.best, d.x.high), (1.0, 2.5, 3.0));
        assert!(d.x.is_uncertain());
        assert_eq!(d.x.at(Bound::High), 3.0);
        let err = toml::from_str::<Doc>("x = { low = 3, best = 2, high = 4 }").err().unwrap();
        assert!(err.message().contains("low <= best <= high"), "{err}");
        let err = toml::from_str::<Doc>("x = { low = 3, best = 4 }").err().unwrap();
        assert!(err.message().contains("missing `high`"), "{err}");
        let err = toml::from_str::<Doc>("x = { lo = 3, best = 4, high = 5 }").err().unwrap();
        assert!(err.message().contains("unknown key `lo`"), "{err}");
        let err = toml::from_str::<Doc>("x = \"many\"").err().unwrap();
        assert!(err.message().contains("a number or a range"), "{err}");
    }
}
