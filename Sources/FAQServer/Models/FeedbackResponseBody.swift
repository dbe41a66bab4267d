import Hummingbird

/// The answer to a stored vote.
struct FeedbackResponseBody: ResponseEncodable {
    var status = "recorded"
    var id: Int64
}
