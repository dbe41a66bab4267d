import NIOCore
import Synchronization

/// `/openapi.json` for the index being served: the bundled document with the index's categories
/// (``ServerResources/openAPIDocument(_:categories:)``), made once per index generation rather
/// than re-parsed and re-encoded for every request. A reload (a new generation) may change the
/// categories, so the next request after it makes the document again.
final class OpenAPIDocument: Sendable {
    /// The bundled document, read once.
    let bundled: ByteBuffer
    private let made = Mutex<(generation: Int, body: ByteBuffer)?>(nil)

    init(bundled: ByteBuffer) {
        self.bundled = bundled
    }

    /// The document for `generation`, whose categories `categories` reads only when it has not
    /// been made yet.
    func body(generation: Int, categories: () throws -> [String]) rethrows -> ByteBuffer {
        if let made = made.withLock({ $0 }), made.generation == generation { return made.body }
        let body = ServerResources.openAPIDocument(bundled, categories: try categories())
        made.withLock { current in
            // A slower request for an older generation does not replace a newer document.
            if current.map({ $0.generation <= generation }) ?? true { current = (generation, body) }
        }
        return body
    }
}
