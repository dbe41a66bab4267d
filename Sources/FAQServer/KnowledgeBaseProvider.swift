import FAQKit
import Foundation
import Logging
import Synchronization

/// The knowledge base the server answers from, swappable while it serves.
///
/// A new index (rebuilt from a changed corpus, or a file shipped from elsewhere and renamed into
/// place) is picked up by `reload()`, which `faq serve` calls on SIGHUP: the new index is opened
/// in full first, then swapped in under a lock. A request holds the knowledge base it started
/// with to its end, so none fails or sees half of each; the old index closes when the last such
/// request finishes. When reopening fails (a damaged file that cannot be rebuilt, a corpus that
/// no longer parses), the current index keeps serving and the failure is reported: logged, shown
/// on `/health` until a reload succeeds, and (for reloads on SIGHUP, ``IndexReloadService``)
/// counted in `faq_index_reload_failures_total` on `/metrics`.
public final class KnowledgeBaseProvider: Sendable {
    /// How the last reloads went, for `/health` and `/metrics`.
    public struct ReloadStatus: Sendable, Equatable {
        /// Reloads that failed since the server started.
        public var failures = 0
        /// The last reload's error message, or nil when it succeeded (or none was tried). It may
        /// name files on the server: it goes to the log, never to clients.
        public var lastError: String?
        /// What kind of failure the last reload was, nil when it succeeded.
        public var lastErrorCode: FAQKitError.Code?

        /// The last failure in words fit for anyone who can reach `/health`: what failed, no
        /// paths, no SQLite text (security review, finding 10). Nil when the last reload succeeded.
        public var publicSummary: String? {
            guard lastError != nil else { return nil }
            let what: String
            switch lastErrorCode {
            case FAQKitError.Code.corpusUnreadable: what = "the corpus could not be read"
            case FAQKitError.Code.corpusInvalid: what = "the corpus could not be indexed"
            case FAQKitError.Code.indexUnreadable: what = "the index could not be opened or rebuilt"
            case FAQKitError.Code.indexWrite: what = "the index could not be written"
            default: what = "the index could not be reloaded"
            }
            return "\(what); the previous index is still serving (details in the server log)"
        }
    }

    private let box: Mutex<(knowledgeBase: KnowledgeBase, generation: Int)>
    private let status = Mutex(ReloadStatus())

    public init(_ knowledgeBase: KnowledgeBase) {
        box = Mutex((knowledgeBase, 0))
    }

    /// The knowledge base to use for one request.
    public var current: KnowledgeBase { box.withLock { $0.knowledgeBase } }

    /// The current knowledge base and its generation, which grows by one at each swap: what was
    /// computed from one generation (a cached response) is not served from another.
    public var snapshot: (knowledgeBase: KnowledgeBase, generation: Int) { box.withLock { $0 } }

    /// How the last reloads went.
    public var reloadStatus: ReloadStatus { status.withLock { $0 } }

    /// Reopens the index with the current configuration (rebuilding it when its corpus changed)
    /// and swaps it in. Throws, and keeps the current index, when that fails.
    @discardableResult
    public func reload(logger: Logger) throws -> KnowledgeBase {
        let old = current
        let new: KnowledgeBase
        do {
            new = try KnowledgeBase.open(old.configuration, logger: logger)
        } catch {
            let message = (error as? FAQKitError)?.message ?? "\(error)"
            status.withLock {
                $0.failures += 1
                $0.lastError = message
                $0.lastErrorCode = (error as? FAQKitError)?.code
            }
            logger.error("index reload failed; still serving the previous index", metadata: ["error": "\(message)"])
            throw error
        }
        box.withLock { $0 = (new, $0.generation + 1) }
        status.withLock {
            $0.lastError = nil
            $0.lastErrorCode = nil
        }
        logger.info(
            "index reloaded",
            metadata: ["index": "\(new.info.path)", "entries": "\(new.info.entryCount)", "rebuilt": "\(new.info.rebuilt)"])
        return new
    }
}
