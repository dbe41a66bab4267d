/// `POST /v1/feedback`
struct FeedbackRequestBody: Decodable {
    var query: String
    var entryId: String
    var helpful: Bool
}
