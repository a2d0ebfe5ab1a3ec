//! The Joe–Kuo direction numbers (`new-joe-kuo-6.21201`, dimensions 2 to 128).
//!
//! S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional projections",
//! *SIAM J. Sci. Comput.* 30 (2008) 2635–2654; table published at
//! <https://web.maths.unsw.edu.au/~fkuo/sobol/>. Each row is `(s, a, [m_1 .. m_s])` for one
//! dimension: `s` the degree of the primitive polynomial, `a` its inner coefficients as bits, `m`
//! the initial direction integers. Dimension 1 (the van der Corput sequence) has no row.
//!
//! The rows were transcribed from the published file and checked against a second, independent
//! transcription (QuantLib's `JoeKuoD6` initialisers and primitive-polynomial list): every `m_i`
//! is odd and below `2^i`, and every polynomial is primitive over GF(2) (see the unit tests).
//!
//! Licence of the table (BSD-style), reproduced as its authors require (also in
//! `crates/stats/THIRD-PARTY.md`):
//!
//! > Licence pertaining to sobol.cc and the accompanying sets of direction numbers
//! >
//! > Copyright (c) 2008, Frances Y. Kuo and Stephen Joe. All rights reserved.
//! >
//! > Redistribution and use in source and binary forms, with or without modification, are
//! > permitted provided that the following conditions are met:
//! >
//! > * Redistributions of source code must retain the above copyright notice, this list of
//! >   conditions and the following disclaimer.
//! > * Redistributions in binary form must reproduce the above copyright notice, this list of
//! >   conditions and the following disclaimer in the documentation and/or other materials
//! >   provided with the distribution.
//! > * Neither the names of the copyright holders nor the names of the University of New South
//! >   Wales and the University of Waikato and its contributors may be used to endorse or promote
//! >   products derived from this software without specific prior written permission.
//! >
//! > THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS "AS IS" AND ANY EXPRESS OR IMPLIED
//! > WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND
//! > FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDERS BE
//! > LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
//! > (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE,
//! > DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY,
//! > WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING
//! > IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH
//! > DAMAGE.

/// One row of the table: degree `s`, polynomial coefficients `a`, initial direction integers.
pub(crate) type Row = (u32, u32, &'static [u32]);

/// Rows for dimensions 2, 3, …, 128 (index 0 is dimension 2).
pub(crate) const ROWS: [Row; 127] = [
    (1, 0, &[1]),                                         // d = 2
    (2, 1, &[1, 3]),                                      // d = 3
    (3, 1, &[1, 3, 1]),                                   // d = 4
    (3, 2, &[1, 1, 1]),                                   // d = 5
    (4, 1, &[1, 1, 3, 3]),                                // d = 6
    (4, 4, &[1, 3, 5, 13]),                               // d = 7
    (5, 2, &[1, 1, 5, 5, 17]),                            // d = 8
    (5, 4, &[1, 1, 5, 5, 5]),                             // d = 9
    (5, 7, &[1, 1, 7, 11, 19]),                           // d = 10
    (5, 11, &[1, 1, 5, 1, 1]),                            // d = 11
    (5, 13, &[1, 1, 1, 3, 11]),                           // d = 12
    (5, 14, &[1, 3, 5, 5, 31]),                           // d = 13
    (6, 1, &[1, 3, 3, 9, 7, 49]),                         // d = 14
    (6, 13, &[1, 1, 1, 15, 21, 21]),                      // d = 15
    (6, 16, &[1, 3, 1, 13, 27, 49]),                      // d = 16
    (6, 19, &[1, 1, 1, 15, 7, 5]),                        // d = 17
    (6, 22, &[1, 3, 1, 15, 13, 25]),                      // d = 18
    (6, 25, &[1, 1, 5, 5, 19, 61]),                       // d = 19
    (7, 1, &[1, 3, 7, 11, 23, 15, 103]),                  // d = 20
    (7, 4, &[1, 3, 7, 13, 13, 15, 69]),                   // d = 21
    (7, 7, &[1, 1, 3, 13, 7, 35, 63]),                    // d = 22
    (7, 8, &[1, 3, 5, 9, 1, 25, 53]),                     // d = 23
    (7, 14, &[1, 3, 1, 13, 9, 35, 107]),                  // d = 24
    (7, 19, &[1, 3, 1, 5, 27, 61, 31]),                   // d = 25
    (7, 21, &[1, 1, 5, 11, 19, 41, 61]),                  // d = 26
    (7, 28, &[1, 3, 5, 3, 3, 13, 69]),                    // d = 27
    (7, 31, &[1, 1, 7, 13, 1, 19, 1]),                    // d = 28
    (7, 32, &[1, 3, 7, 5, 13, 19, 59]),                   // d = 29
    (7, 37, &[1, 1, 3, 9, 25, 29, 41]),                   // d = 30
    (7, 41, &[1, 3, 5, 13, 23, 1, 55]),                   // d = 31
    (7, 42, &[1, 3, 7, 3, 13, 59, 17]),                   // d = 32
    (7, 50, &[1, 3, 1, 3, 5, 53, 69]),                    // d = 33
    (7, 55, &[1, 1, 5, 5, 23, 33, 13]),                   // d = 34
    (7, 56, &[1, 1, 7, 7, 1, 61, 123]),                   // d = 35
    (7, 59, &[1, 1, 7, 9, 13, 61, 49]),                   // d = 36
    (7, 62, &[1, 3, 3, 5, 3, 55, 33]),                    // d = 37
    (8, 14, &[1, 3, 1, 15, 31, 13, 49, 245]),             // d = 38
    (8, 21, &[1, 3, 5, 15, 31, 59, 63, 97]),              // d = 39
    (8, 22, &[1, 3, 1, 11, 11, 11, 77, 249]),             // d = 40
    (8, 38, &[1, 3, 1, 11, 27, 43, 71, 9]),               // d = 41
    (8, 47, &[1, 1, 7, 15, 21, 11, 81, 45]),              // d = 42
    (8, 49, &[1, 3, 7, 3, 25, 31, 65, 79]),               // d = 43
    (8, 50, &[1, 3, 1, 1, 19, 11, 3, 205]),               // d = 44
    (8, 52, &[1, 1, 5, 9, 19, 21, 29, 157]),              // d = 45
    (8, 56, &[1, 3, 7, 11, 1, 33, 89, 185]),              // d = 46
    (8, 67, &[1, 3, 3, 3, 15, 9, 79, 71]),                // d = 47
    (8, 70, &[1, 3, 7, 11, 15, 39, 119, 27]),             // d = 48
    (8, 84, &[1, 1, 3, 1, 11, 31, 97, 225]),              // d = 49
    (8, 97, &[1, 1, 1, 3, 23, 43, 57, 177]),              // d = 50
    (8, 103, &[1, 3, 7, 7, 17, 17, 37, 71]),              // d = 51
    (8, 115, &[1, 3, 1, 5, 27, 63, 123, 213]),            // d = 52
    (8, 122, &[1, 1, 3, 5, 11, 43, 53, 133]),             // d = 53
    (9, 8, &[1, 3, 5, 5, 29, 17, 47, 173, 479]),          // d = 54
    (9, 13, &[1, 3, 3, 11, 3, 1, 109, 9, 69]),            // d = 55
    (9, 16, &[1, 1, 1, 5, 17, 39, 23, 5, 343]),           // d = 56
    (9, 22, &[1, 3, 1, 5, 25, 15, 31, 103, 499]),         // d = 57
    (9, 25, &[1, 1, 1, 11, 11, 17, 63, 105, 183]),        // d = 58
    (9, 44, &[1, 1, 5, 11, 9, 29, 97, 231, 363]),         // d = 59
    (9, 47, &[1, 1, 5, 15, 19, 45, 41, 7, 383]),          // d = 60
    (9, 52, &[1, 3, 7, 7, 31, 19, 83, 137, 221]),         // d = 61
    (9, 55, &[1, 1, 1, 3, 23, 15, 111, 223, 83]),         // d = 62
    (9, 59, &[1, 1, 5, 13, 31, 15, 55, 25, 161]),         // d = 63
    (9, 62, &[1, 1, 3, 13, 25, 47, 39, 87, 257]),         // d = 64
    (9, 67, &[1, 1, 1, 11, 21, 53, 125, 249, 293]),       // d = 65
    (9, 74, &[1, 1, 7, 11, 11, 7, 57, 79, 323]),          // d = 66
    (9, 81, &[1, 1, 5, 5, 17, 13, 81, 3, 131]),           // d = 67
    (9, 82, &[1, 1, 7, 13, 23, 7, 65, 251, 475]),         // d = 68
    (9, 87, &[1, 3, 5, 1, 9, 43, 3, 149, 11]),            // d = 69
    (9, 91, &[1, 1, 3, 13, 31, 13, 13, 255, 487]),        // d = 70
    (9, 94, &[1, 3, 3, 1, 5, 63, 89, 91, 127]),           // d = 71
    (9, 103, &[1, 1, 3, 3, 1, 19, 123, 127, 237]),        // d = 72
    (9, 104, &[1, 1, 5, 7, 23, 31, 37, 243, 289]),        // d = 73
    (9, 109, &[1, 1, 5, 11, 17, 53, 117, 183, 491]),      // d = 74
    (9, 122, &[1, 1, 1, 5, 1, 13, 13, 209, 345]),         // d = 75
    (9, 124, &[1, 1, 3, 15, 1, 57, 115, 7, 33]),          // d = 76
    (9, 137, &[1, 3, 1, 11, 7, 43, 81, 207, 175]),        // d = 77
    (9, 138, &[1, 3, 1, 1, 15, 27, 63, 255, 49]),         // d = 78
    (9, 143, &[1, 3, 5, 3, 27, 61, 105, 171, 305]),       // d = 79
    (9, 145, &[1, 1, 5, 3, 1, 3, 57, 249, 149]),          // d = 80
    (9, 152, &[1, 1, 3, 5, 5, 57, 15, 13, 159]),          // d = 81
    (9, 157, &[1, 1, 1, 11, 7, 11, 105, 141, 225]),       // d = 82
    (9, 167, &[1, 3, 3, 5, 27, 59, 121, 101, 271]),       // d = 83
    (9, 173, &[1, 3, 5, 9, 11, 49, 51, 59, 115]),         // d = 84
    (9, 176, &[1, 1, 7, 1, 23, 45, 125, 71, 419]),        // d = 85
    (9, 181, &[1, 1, 3, 5, 23, 5, 105, 109, 75]),         // d = 86
    (9, 182, &[1, 1, 7, 15, 7, 11, 67, 121, 453]),        // d = 87
    (9, 185, &[1, 3, 7, 3, 9, 13, 31, 27, 449]),          // d = 88
    (9, 191, &[1, 3, 1, 15, 19, 39, 39, 89, 15]),         // d = 89
    (9, 194, &[1, 1, 1, 1, 1, 33, 73, 145, 379]),         // d = 90
    (9, 199, &[1, 3, 1, 15, 15, 43, 29, 13, 483]),        // d = 91
    (9, 218, &[1, 1, 7, 3, 19, 27, 85, 131, 431]),        // d = 92
    (9, 220, &[1, 3, 3, 3, 5, 35, 23, 195, 349]),         // d = 93
    (9, 227, &[1, 3, 3, 7, 9, 27, 39, 59, 297]),          // d = 94
    (9, 229, &[1, 1, 3, 9, 11, 17, 13, 241, 157]),        // d = 95
    (9, 230, &[1, 3, 7, 15, 25, 57, 33, 189, 213]),       // d = 96
    (9, 234, &[1, 1, 7, 1, 9, 55, 73, 83, 217]),          // d = 97
    (9, 236, &[1, 3, 3, 13, 19, 27, 23, 113, 249]),       // d = 98
    (9, 241, &[1, 3, 5, 3, 23, 43, 3, 253, 479]),         // d = 99
    (9, 244, &[1, 1, 5, 5, 11, 5, 45, 117, 217]),         // d = 100
    (9, 253, &[1, 3, 3, 7, 29, 37, 33, 123, 147]),        // d = 101
    (10, 4, &[1, 3, 1, 15, 5, 5, 37, 227, 223, 459]),     // d = 102
    (10, 13, &[1, 1, 7, 5, 5, 39, 63, 255, 135, 487]),    // d = 103
    (10, 19, &[1, 3, 1, 7, 9, 7, 87, 249, 217, 599]),     // d = 104
    (10, 22, &[1, 1, 3, 13, 9, 47, 7, 225, 363, 247]),    // d = 105
    (10, 50, &[1, 3, 7, 13, 19, 13, 9, 67, 9, 737]),      // d = 106
    (10, 55, &[1, 3, 5, 5, 19, 59, 7, 41, 319, 677]),     // d = 107
    (10, 64, &[1, 1, 5, 3, 31, 63, 15, 43, 207, 789]),    // d = 108
    (10, 69, &[1, 1, 7, 9, 13, 39, 3, 47, 497, 169]),     // d = 109
    (10, 98, &[1, 3, 1, 7, 21, 17, 97, 19, 415, 905]),    // d = 110
    (10, 107, &[1, 3, 7, 1, 3, 31, 71, 111, 165, 127]),   // d = 111
    (10, 115, &[1, 1, 5, 11, 1, 61, 83, 119, 203, 847]),  // d = 112
    (10, 121, &[1, 3, 3, 13, 9, 61, 19, 97, 47, 35]),     // d = 113
    (10, 127, &[1, 1, 7, 7, 15, 29, 63, 95, 417, 469]),   // d = 114
    (10, 134, &[1, 3, 1, 9, 25, 9, 71, 57, 213, 385]),    // d = 115
    (10, 140, &[1, 3, 5, 13, 31, 47, 101, 57, 39, 341]),  // d = 116
    (10, 145, &[1, 1, 3, 3, 31, 57, 125, 173, 365, 551]), // d = 117
    (10, 152, &[1, 3, 7, 1, 13, 57, 67, 157, 451, 707]),  // d = 118
    (10, 158, &[1, 1, 1, 7, 21, 13, 105, 89, 429, 965]),  // d = 119
    (10, 161, &[1, 1, 5, 9, 17, 51, 45, 119, 157, 141]),  // d = 120
    (10, 171, &[1, 3, 7, 7, 13, 45, 91, 9, 129, 741]),    // d = 121
    (10, 181, &[1, 3, 7, 1, 23, 57, 67, 141, 151, 571]),  // d = 122
    (10, 194, &[1, 1, 3, 11, 17, 47, 93, 107, 375, 157]), // d = 123
    (10, 199, &[1, 3, 3, 5, 11, 21, 43, 51, 169, 915]),   // d = 124
    (10, 203, &[1, 1, 5, 3, 15, 55, 101, 67, 455, 625]),  // d = 125
    (10, 208, &[1, 3, 5, 9, 1, 23, 29, 47, 345, 595]),    // d = 126
    (10, 227, &[1, 3, 7, 7, 5, 49, 29, 155, 323, 589]),   // d = 127
    (10, 242, &[1, 3, 3, 7, 5, 41, 127, 61, 261, 717]),   // d = 128
];

#[cfg(test)]
mod tests {
    use super::ROWS;

    #[test]
    fn rows_are_well_formed() {
        for (row, &(s, a, m)) in ROWS.iter().enumerate() {
            assert_eq!(m.len(), s as usize, "dimension {}", row + 2);
            assert!(s == 1 || a < (1 << (s - 1)), "dimension {}", row + 2);
            for (i, &mi) in m.iter().enumerate() {
                assert!(mi % 2 == 1 && mi < (1 << (i + 1)), "dimension {}: m_{} = {mi}", row + 2, i + 1);
            }
        }
    }

    /// Multiply two polynomials over GF(2) modulo `poly` of degree `s`.
    fn mul_mod(mut x: u64, mut y: u64, poly: u64, s: u32) -> u64 {
        let mut r = 0;
        while y > 0 {
            if y & 1 == 1 {
                r ^= x;
            }
            y >>= 1;
            x <<= 1;
            if (x >> s) & 1 == 1 {
                x ^= poly;
            }
        }
        r
    }

    fn pow_mod(base: u64, mut e: u64, poly: u64, s: u32) -> u64 {
        let (mut result, mut b) = (1, base);
        while e > 0 {
            if e & 1 == 1 {
                result = mul_mod(result, b, poly, s);
            }
            b = mul_mod(b, b, poly, s);
            e >>= 1;
        }
        result
    }

    /// x has multiplicative order 2^s − 1 modulo the polynomial, i.e. the polynomial is primitive.
    #[test]
    fn polynomials_are_primitive_and_distinct() {
        let mut seen = Vec::new();
        for (row, &(s, a, _)) in ROWS.iter().enumerate() {
            let poly = (1u64 << s) | (u64::from(a) << 1) | 1;
            assert!(!seen.contains(&poly), "dimension {} repeats a polynomial", row + 2);
            seen.push(poly);
            let order = (1u64 << s) - 1;
            let x = if s == 1 { 1 } else { 2 };
            assert_eq!(pow_mod(x, order, poly, s), 1, "dimension {}", row + 2);
            let mut rest = order;
            let mut p = 2;
            while rest > 1 {
                if rest.is_multiple_of(p) {
                    assert_ne!(pow_mod(x, order / p, poly, s), 1, "dimension {} not primitive", row + 2);
                    while rest.is_multiple_of(p) {
                        rest /= p;
                    }
                }
                p += 1;
            }
        }
    }
}
