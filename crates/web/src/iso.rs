//! ISO 3166-1 alpha-3 → numeric codes, for matching the scenarios' states (which carry alpha-3
//! and Correlates of War codes) to the world map's shapes (Natural Earth via world-atlas, which
//! identifies countries by ISO 3166-1 numeric code).
//!
//! The table is every current code of ISO 3166-1 as transcribed by the `iso-codes` project
//! (release 4.15.0, `iso_3166-1.json`), plus the withdrawn code of Yugoslavia
//! (`YUG`, 891, withdrawn 2003-07-23; `iso_3166-3.json`), which the historical scenarios use.

/// `(alpha-3, numeric)` pairs in alpha-3 order (binary-searched by [`numeric`]).
pub const ALPHA3_NUMERIC: &[(&str, u16)] = &[
    ("ABW", 533),
    ("AFG", 4),
    ("AGO", 24),
    ("AIA", 660),
    ("ALA", 248),
    ("ALB", 8),
    ("AND", 20),
    ("ARE", 784),
    ("ARG", 32),
    ("ARM", 51),
    ("ASM", 16),
    ("ATA", 10),
    ("ATF", 260),
    ("ATG", 28),
    ("AUS", 36),
    ("AUT", 40),
    ("AZE", 31),
    ("BDI", 108),
    ("BEL", 56),
    ("BEN", 204),
    ("BES", 535),
    ("BFA", 854),
    ("BGD", 50),
    ("BGR", 100),
    ("BHR", 48),
    ("BHS", 44),
    ("BIH", 70),
    ("BLM", 652),
    ("BLR", 112),
    ("BLZ", 84),
    ("BMU", 60),
    ("BOL", 68),
    ("BRA", 76),
    ("BRB", 52),
    ("BRN", 96),
    ("BTN", 64),
    ("BVT", 74),
    ("BWA", 72),
    ("CAF", 140),
    ("CAN", 124),
    ("CCK", 166),
    ("CHE", 756),
    ("CHL", 152),
    ("CHN", 156),
    ("CIV", 384),
    ("CMR", 120),
    ("COD", 180),
    ("COG", 178),
    ("COK", 184),
    ("COL", 170),
    ("COM", 174),
    ("CPV", 132),
    ("CRI", 188),
    ("CUB", 192),
    ("CUW", 531),
    ("CXR", 162),
    ("CYM", 136),
    ("CYP", 196),
    ("CZE", 203),
    ("DEU", 276),
    ("DJI", 262),
    ("DMA", 212),
    ("DNK", 208),
    ("DOM", 214),
    ("DZA", 12),
    ("ECU", 218),
    ("EGY", 818),
    ("ERI", 232),
    ("ESH", 732),
    ("ESP", 724),
    ("EST", 233),
    ("ETH", 231),
    ("FIN", 246),
    ("FJI", 242),
    ("FLK", 238),
    ("FRA", 250),
    ("FRO", 234),
    ("FSM", 583),
    ("GAB", 266),
    ("GBR", 826),
    ("GEO", 268),
    ("GGY", 831),
    ("GHA", 288),
    ("GIB", 292),
    ("GIN", 324),
    ("GLP", 312),
    ("GMB", 270),
    ("GNB", 624),
    ("GNQ", 226),
    ("GRC", 300),
    ("GRD", 308),
    ("GRL", 304),
    ("GTM", 320),
    ("GUF", 254),
    ("GUM", 316),
    ("GUY", 328),
    ("HKG", 344),
    ("HMD", 334),
    ("HND", 340),
    ("HRV", 191),
    ("HTI", 332),
    ("HUN", 348),
    ("IDN", 360),
    ("IMN", 833),
    ("IND", 356),
    ("IOT", 86),
    ("IRL", 372),
    ("IRN", 364),
    ("IRQ", 368),
    ("ISL", 352),
    ("ISR", 376),
    ("ITA", 380),
    ("JAM", 388),
    ("JEY", 832),
    ("JOR", 400),
    ("JPN", 392),
    ("KAZ", 398),
    ("KEN", 404),
    ("KGZ", 417),
    ("KHM", 116),
    ("KIR", 296),
    ("KNA", 659),
    ("KOR", 410),
    ("KWT", 414),
    ("LAO", 418),
    ("LBN", 422),
    ("LBR", 430),
    ("LBY", 434),
    ("LCA", 662),
    ("LIE", 438),
    ("LKA", 144),
    ("LSO", 426),
    ("LTU", 440),
    ("LUX", 442),
    ("LVA", 428),
    ("MAC", 446),
    ("MAF", 663),
    ("MAR", 504),
    ("MCO", 492),
    ("MDA", 498),
    ("MDG", 450),
    ("MDV", 462),
    ("MEX", 484),
    ("MHL", 584),
    ("MKD", 807),
    ("MLI", 466),
    ("MLT", 470),
    ("MMR", 104),
    ("MNE", 499),
    ("MNG", 496),
    ("MNP", 580),
    ("MOZ", 508),
    ("MRT", 478),
    ("MSR", 500),
    ("MTQ", 474),
    ("MUS", 480),
    ("MWI", 454),
    ("MYS", 458),
    ("MYT", 175),
    ("NAM", 516),
    ("NCL", 540),
    ("NER", 562),
    ("NFK", 574),
    ("NGA", 566),
    ("NIC", 558),
    ("NIU", 570),
    ("NLD", 528),
    ("NOR", 578),
    ("NPL", 524),
    ("NRU", 520),
    ("NZL", 554),
    ("OMN", 512),
    ("PAK", 586),
    ("PAN", 591),
    ("PCN", 612),
    ("PER", 604),
    ("PHL", 608),
    ("PLW", 585),
    ("PNG", 598),
    ("POL", 616),
    ("PRI", 630),
    ("PRK", 408),
    ("PRT", 620),
    ("PRY", 600),
    ("PSE", 275),
    ("PYF", 258),
    ("QAT", 634),
    ("REU", 638),
    ("ROU", 642),
    ("RUS", 643),
    ("RWA", 646),
    ("SAU", 682),
    ("SDN", 729),
    ("SEN", 686),
    ("SGP", 702),
    ("SGS", 239),
    ("SHN", 654),
    ("SJM", 744),
    ("SLB", 90),
    ("SLE", 694),
    ("SLV", 222),
    ("SMR", 674),
    ("SOM", 706),
    ("SPM", 666),
    ("SRB", 688),
    ("SSD", 728),
    ("STP", 678),
    ("SUR", 740),
    ("SVK", 703),
    ("SVN", 705),
    ("SWE", 752),
    ("SWZ", 748),
    ("SXM", 534),
    ("SYC", 690),
    ("SYR", 760),
    ("TCA", 796),
    ("TCD", 148),
    ("TGO", 768),
    ("THA", 764),
    ("TJK", 762),
    ("TKL", 772),
    ("TKM", 795),
    ("TLS", 626),
    ("TON", 776),
    ("TTO", 780),
    ("TUN", 788),
    ("TUR", 792),
    ("TUV", 798),
    ("TWN", 158),
    ("TZA", 834),
    ("UGA", 800),
    ("UKR", 804),
    ("UMI", 581),
    ("URY", 858),
    ("USA", 840),
    ("UZB", 860),
    ("VAT", 336),
    ("VCT", 670),
    ("VEN", 862),
    ("VGB", 92),
    ("VIR", 850),
    ("VNM", 704),
    ("VUT", 548),
    ("WLF", 876),
    ("WSM", 882),
    ("YEM", 887),
    ("YUG", 891),
    ("ZAF", 710),
    ("ZMB", 894),
    ("ZWE", 716),
];

/// Withdrawn codes in [`ALPHA3_NUMERIC`]: states that no longer exist, so today's map has no
/// shape for them.
pub const WITHDRAWN: &[&str] = &["YUG"];

/// The ISO 3166-1 numeric code of alpha-3 code `iso3` (upper case), or `None` if unknown.
pub fn numeric(iso3: &str) -> Option<u16> {
    ALPHA3_NUMERIC.binary_search_by(|(a, _)| (*a).cmp(iso3)).ok().map(|i| ALPHA3_NUMERIC[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(ALPHA3_NUMERIC.windows(2).all(|w| w[0].0 < w[1].0));
        let mut nums: Vec<u16> = ALPHA3_NUMERIC.iter().map(|(_, n)| *n).collect();
        nums.sort_unstable();
        let before = nums.len();
        nums.dedup();
        assert_eq!(before, nums.len(), "numeric codes are unique");
        assert_eq!(ALPHA3_NUMERIC.len(), 250);
    }

    #[test]
    fn known_codes() {
        // ISO 3166-1 numeric codes as published by the UN Statistics Division (M49), which
        // ISO 3166-1 adopts.
        for (a3, n) in [
            ("USA", 840),
            ("RUS", 643),
            ("CHN", 156),
            ("GBR", 826),
            ("FRA", 250),
            ("IND", 356),
            ("PAK", 586),
            ("ISR", 376),
            ("PRK", 408),
            ("KOR", 410),
            ("IRN", 364),
            ("UKR", 804),
            ("ZAF", 710),
            ("TWN", 158),
            ("AFG", 4),
            ("ZWE", 716),
        ] {
            assert_eq!(numeric(a3), Some(n), "{a3}");
        }
        assert_eq!(numeric("XXX"), None);
        assert_eq!(numeric("usa"), None);
    }

    #[test]
    fn every_scenario_state_has_a_code_and_a_shape() {
        // The vendored map names each country by its numeric code (`"id":"840"`): every state
        // of every built-in scenario must be found there, except withdrawn codes.
        let map = include_str!("../assets/vendor/countries-110m.json");
        for b in model::builtin::BUILTINS {
            let s = model::parse_scenario(b.text, b.path).unwrap();
            for st in &s.states {
                let n = numeric(&st.iso3).unwrap_or_else(|| panic!("{}: {} has no ISO numeric code", b.name, st.iso3));
                if WITHDRAWN.contains(&st.iso3.as_str()) {
                    continue;
                }
                let id = format!("\"id\":\"{n:03}\"");
                assert!(map.contains(&id), "{}: {} ({n:03}) has no shape on the map", b.name, st.iso3);
            }
        }
    }
}
