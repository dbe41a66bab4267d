/// A row that matched at least one phrase: the evidence the ranker scores.
struct MatchedRow {
    var rowid: Int64
    var info: MatchInfo
    var title: [TitleToken]
}
