import NIOCore
import Synchronization

/// Encoded `/v1/search` and `/v1/ask` bodies by request (endpoint and raw query string), for the
/// index that produced them.
///
/// The index never changes while it serves, so the same request always gets the same answer:
/// a help widget's popular questions are searched, escaped and JSON-encoded once, then served
/// as bytes. Encoding a response with its answers costs more than the search itself. Entries
/// belong to one index generation (`KnowledgeBaseProvider.generation`): a hot swap empties the
/// cache. Bounded in bytes; when full, the least recently used half is dropped.
final class ResponseCache: Sendable {
    /// A cached body, with what the handler still needs on a hit (metrics, abstention records).
    struct Entry: Sendable {
        var body: ByteBuffer
        var answered: Bool
        var query: String
        var topEntryID: String?
        /// The category searched, for the abstention record.
        var category: String?
        /// True when serving this body records an unanswered query (`faq report`).
        var recordsAbstention: Bool
    }

    private struct State {
        var generation = 0
        var entries: [String: (entry: Entry, lastUsed: UInt64)] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())
    /// Most bytes of bodies held; 0 turns the cache off.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    var isEnabled: Bool { capacity > 0 }

    /// The body cached for `key` under index `generation`, if any.
    func entry(for key: String, generation: Int) -> Entry? {
        guard isEnabled else { return nil }
        return state.withLock { state in
            guard state.generation == generation, var item = state.entries[key] else { return nil }
            state.clock &+= 1
            item.lastUsed = state.clock
            state.entries[key] = item
            return item.entry
        }
    }

    /// Caches a body computed under index `generation`. Bodies over a sixteenth of the capacity
    /// are not kept.
    func store(_ entry: Entry, for key: String, generation: Int) {
        let size = entry.body.readableBytes + key.utf8.count
        guard isEnabled, size <= capacity / 16 else { return }
        state.withLock { state in
            if generation != state.generation {
                guard generation > state.generation else { return }  // computed on an index already replaced
                state = State(generation: generation)
            }
            state.clock &+= 1
            if let old = state.entries[key] { state.bytes -= old.entry.body.readableBytes + key.utf8.count }
            state.entries[key] = (entry, state.clock)
            state.bytes += size
            if state.bytes > capacity { Self.evict(&state, below: capacity / 2) }
        }
    }

    /// Entries held and their bytes, for `/metrics`.
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.bytes) }
    }

    private static func evict(_ state: inout State, below target: Int) {
        let oldestFirst = state.entries.sorted { $0.value.lastUsed < $1.value.lastUsed }
        for (key, item) in oldestFirst where state.bytes > target {
            state.entries[key] = nil
            state.bytes -= item.entry.body.readableBytes + key.utf8.count
        }
    }
}
