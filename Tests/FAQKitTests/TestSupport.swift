import Foundation
@testable import FAQKit

/// Fixture files shipped with the tests.
enum Fixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("faqkit-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// One knowledge base over the bundled corpus for the whole test run: building it is the slow part.
enum SharedKnowledgeBase {
    static let kb: KnowledgeBase = {
        let dir = try! Fixtures.temporaryDirectory()
        return try! KnowledgeBase.open(.init(indexURL: dir.appendingPathComponent("index.sqlite")))
    }()
}
