// swift-tools-version:6.2
import PackageDescription

/// Settings shared by every target (as in Hummingbird's manifest).
let swiftSettings: [SwiftSetting] = [
    // https://github.com/apple/swift-evolution/blob/main/proposals/0335-existential-any.md
    .enableUpcomingFeature("ExistentialAny"),
    // https://github.com/apple/swift-evolution/blob/main/proposals/0444-member-import-visibility.md
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "FAQKit",
    // macOS 15: `Mutex` (Synchronization) and `String(validating:as:)`.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "FAQKit", targets: ["FAQKit"]),
        .library(name: "FAQServer", targets: ["FAQServer"]),
        .library(name: "FAQMCP", targets: ["FAQMCP"]),
        .executable(name: "faq", targets: ["faq"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // YAML front matter of markdown pages, and CSV exports of Q&A pairs.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        // Partial sorts (`min(count:sortedBy:)`): the best candidates of many matched rows.
        // Already in the graph through the MCP SDK.
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in the graph through Hummingbird; named so FAQServer can import NIOCore and HTTPTypes.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Also in the graph through Hummingbird; named for HTTPRequestPart in FAQServer's channel handlers.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
        // Metrics: swift-metrics API, Prometheus exposition at /metrics; services (the SIGHUP reload,
        // graceful shutdown of live test servers) and the signal sequence. All but swift-prometheus
        // are already in the graph through Hummingbird.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // The official Model Context Protocol SDK: `faq mcp` serves the knowledge base to AI assistants.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        .target(
            name: "FAQKit",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "Algorithms", package: "swift-algorithms"),
            ],
            // The bundled data (the top-level Corpus/ folder) is found beside the sources at run
            // time (`BundledData`), so it stays where tools and docs name it.
            swiftSettings: swiftSettings + [.define("SQLITE_ENABLE_FTS5")]
        ),
        .target(
            name: "FAQServer",
            dependencies: [
                "FAQKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            // The widget, its demo page and the OpenAPI document, served from Bundle.module.
            resources: [.copy("Public"), .copy("openapi.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FAQMCP",
            dependencies: [
                "FAQKit",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "faq",
            dependencies: [
                "FAQKit",
                "FAQMCP",
                "FAQServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FAQKitTests",
            // GRDB: the reliability tests damage index files and rewrite their metadata.
            dependencies: ["FAQKit", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings + [.define("SQLITE_ENABLE_FTS5")]
        ),
        .testTarget(
            name: "faqTests",
            dependencies: ["faq", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FAQMCPTests",
            dependencies: [
                "FAQKit",
                "FAQMCP",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FAQServerTests",
            dependencies: [
                "FAQKit",
                "FAQServer",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
