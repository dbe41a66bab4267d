/// The phrases a query sends to a candidate source.
struct MatchRequest {
    /// Each phrase's exact index tokens, in order.
    var phrases: [[String]]
    /// Each phrase's document frequency (as rare as its rarest token).
    var documentFrequencies: [Int]
    /// Which phrases are the user's own words (not expansions).
    var ownWords: [Bool]
    /// Only entries of this category slug.
    var category: String?
}
