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
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "FAQKit", targets: ["FAQKit"]),
        .executable(name: "faq", targets: ["faq"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "FAQKit",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Rooted at the package so the top-level Corpus/ folder ships as the library's resources.
            path: ".",
            exclude: ["Sources/FAQServer", "Sources/faq", "Tests", "tools", "docs", "README.md"],
            sources: ["Sources/FAQKit"],
            resources: [.copy("Corpus")],
            swiftSettings: swiftSettings + [.define("SQLITE_ENABLE_FTS5")]
        ),
        .executableTarget(
            name: "faq",
            dependencies: [
                "FAQKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FAQKitTests",
            dependencies: ["FAQKit"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings + [.define("SQLITE_ENABLE_FTS5")]
        ),
    ]
)
