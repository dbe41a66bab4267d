extension Double {
    /// The value to four decimals, as machine output shows scores and confidences: readable, and
    /// the same on every run where the last bits of a sum could differ.
    package var fourDecimals: Double { (self * 10_000).rounded() / 10_000 }
}
