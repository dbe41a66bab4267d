import FAQKit
import Foundation
import Hummingbird

/// The validated parameters of `/v1/search` and `/v1/ask`.
struct SearchParameters {
    var query: String
    var limit: Int
    var offset: Int
    var category: String?
    var highlightPreTag: String
    var highlightPostTag: String
    /// `/v1/ask` only: add the explanation of the decision.
    var explain: Bool
    /// False for a request that is not a question someone asked (a search-as-you-type keystroke):
    /// its abstention is not recorded for `faq report`. Algolia's `analytics` parameter does the same.
    var analytics: Bool

    static let limits = QueryLimits.resultLimits
    /// Offsets accepted: deep enough for any real paging, documented in the OpenAPI document.
    static let offsets = 0...10_000

    init(_ request: Request) throws {
        let items = try QueryItems(request.uri.query)
        guard let q = items["q"] else { throw APIError.badRequest(.missingQuery, "the q parameter is required") }
        // The OpenAPI document's `maxLength` counts code points of the value as sent.
        guard QueryLimits.fitsAsSent(q) else {
            throw APIError.badRequest(.queryTooLong, QueryLimits.Problem.tooManyCharacters.message(subject: "the q parameter"))
        }
        switch QueryLimits.check(q) {
        case .success(let trimmed):
            query = trimmed
        case .failure(.empty):
            throw APIError.badRequest(.emptyQuery, QueryLimits.Problem.empty.message(subject: "the q parameter"))
        case .failure(let problem):
            throw APIError.badRequest(.queryTooLong, problem.message(subject: "the q parameter"))
        }

        limit = 10
        if let text = items["limit"] {
            guard let value = Int(text), Self.limits.contains(value) else {
                throw APIError.badRequest(
                    .invalidLimit, "limit must be an integer from \(Self.limits.lowerBound) to \(Self.limits.upperBound)")
            }
            limit = value
        }
        offset = 0
        if let text = items["offset"] {
            guard let value = Int(text), Self.offsets.contains(value) else {
                throw APIError.badRequest(
                    .invalidOffset, "offset must be an integer from \(Self.offsets.lowerBound) to \(Self.offsets.upperBound)")
            }
            offset = value
        }
        category = items["category"].flatMap { $0.isEmpty ? nil : $0 }
        highlightPreTag = try Self.tag(items["highlightPreTag"], name: "highlightPreTag", default: "<em>")
        highlightPostTag = try Self.tag(items["highlightPostTag"], name: "highlightPostTag", default: "</em>")
        explain = try Self.flag(items["explain"], name: "explain", default: false)
        analytics = try Self.flag(items["analytics"], name: "analytics", default: true)
    }

    /// A boolean parameter: `true`, `false`, or absent.
    static func flag(_ value: String?, name: String, default fallback: Bool) throws -> Bool {
        switch value {
        case nil: fallback
        case "true": true
        case "false": false
        default: throw APIError.badRequest(.invalidParameter, "\(name) must be true or false")
        }
    }

    /// A caller's highlight tag is used as given (it is the caller's markup), but kept short.
    static func tag(_ value: String?, name: String, default fallback: String) throws -> String {
        guard let value else { return fallback }
        guard value.unicodeScalars.count <= ServerOptions.maxHighlightTagLength else {
            throw APIError.badRequest(
                .invalidParameter, "\(name) is longer than \(ServerOptions.maxHighlightTagLength) characters")
        }
        return value
    }
}
