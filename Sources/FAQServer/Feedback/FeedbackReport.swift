import Foundation
import GRDB
import Synchronization

/// The feedback database summarized for support staff (`faq report`).
public struct FeedbackReport: Sendable, Hashable, Codable {
    /// A query the knowledge base keeps failing to answer.
    public struct UnansweredQuery: Sendable, Hashable, Codable {
        /// The most recent spelling of the query.
        public var query: String
        /// How many times it was asked (grouped case- and whitespace-insensitively).
        public var count: Int
        public var lastSeen: Date
    }

    /// Votes on one entry.
    public struct EntryVotes: Sendable, Hashable, Codable {
        public var entryID: String
        public var helpful: Int
        public var unhelpful: Int
        /// Share of helpful votes, in [0, 1].
        public var helpfulRatio: Double { Double(helpful) / Double(max(1, helpful + unhelpful)) }

        /// `entryId`, as `POST /v1/feedback` and the feedback table spell it.
        enum CodingKeys: String, CodingKey {
            case entryID = "entryId"
            case helpful, unhelpful
        }
    }

    /// Abstained queries recorded, all told.
    public var totalAbstentions: Int
    /// Most frequent unanswered queries, most frequent first.
    public var unanswered: [UnansweredQuery]
    /// Entries with votes, most voted first.
    public var entries: [EntryVotes]
}
