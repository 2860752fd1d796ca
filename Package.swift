// swift-tools-version:6.0
// Pathfolio takes no Swift package dependencies: the toolchain, plus libpq and libcrypto
// from Debian through the two system library targets below.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Pathfolio",
    platforms: [.macOS(.v15)],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "PathfolioCore", swiftSettings: strict),
        .target(name: "PathfolioCrypto", dependencies: ["COpenSSL"], swiftSettings: strict),
        .target(name: "PathfolioPostgres", dependencies: ["PathfolioCore", "CLibPQ"], swiftSettings: strict),
        .target(
            name: "PathfolioTestSupport",
            dependencies: ["PathfolioPostgres"],
            path: "Tests/PathfolioTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "PathfolioPostgresTests",
            dependencies: ["PathfolioPostgres", "PathfolioTestSupport"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
