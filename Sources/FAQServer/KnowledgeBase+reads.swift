import FAQKit
import NIOPosix

extension KnowledgeBase {
    /// Runs `body`, which reads this knowledge base, where its reads may block.
    ///
    /// An index answered from memory (``KnowledgeBase/answersFromMemory``: postings, titles and
    /// entries loaded when it opened) reads no file while it searches: its synchronous GRDB calls
    /// never wait on the disk, they are CPU work shorter than a hop to another thread, so they run
    /// right here on the cooperative pool. A larger index is searched through FTS5, page by page
    /// from the SQLite file, and a read can wait on the disk: those go to NIO's blocking-I/O thread
    /// pool, so a slow disk never holds the few threads every other request runs on.
    func reading<Value: Sendable>(_ body: @escaping @Sendable (KnowledgeBase) throws -> Value) async throws -> Value {
        if answersFromMemory { return try body(self) }
        return try await NIOThreadPool.singleton.runIfActive { try body(self) }
    }
}
