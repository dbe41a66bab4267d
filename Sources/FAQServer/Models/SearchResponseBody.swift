import FAQKit
import Hummingbird

// The JSON bodies of the API (described in openapi.json). Text meant to be inserted into a page
// (answers, snippets, the echoed query) is HTML-escaped; titles, ids and URLs are plain strings.

/// `GET /v1/search`
struct SearchResponseBody: ResponseEncodable {
    /// The query as understood (trimmed), HTML-escaped.
    var query: String
    var answered: Bool
    var hits: [HitRecord]
    var estimatedTotalHits: Int
    var processingTimeMs: Int
    /// Present when the query was not answered.
    var fallback: Fallback?
}
