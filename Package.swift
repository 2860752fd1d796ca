// swift-tools-version:6.0
// Pathfolio takes no Swift package dependencies: the toolchain, plus libpq and libcrypto
// from Debian through the system library targets below.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Pathfolio",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pathfolio", targets: ["pathfolio"]),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // epoll and eventfd declarations, which Swift's Glibc module leaves out (header only).
        .systemLibrary(name: "CEpoll"),

        .target(name: "PathfolioCore", swiftSettings: strict),
        .target(name: "PathfolioCrypto", dependencies: ["COpenSSL"], swiftSettings: strict),
        .target(name: "PathfolioPostgres", dependencies: ["PathfolioCore", "CLibPQ"], swiftSettings: strict),
        .target(name: "PathfolioHTTP", dependencies: ["CEpoll"], swiftSettings: strict),
        .target(name: "PathfolioInterop", dependencies: ["PathfolioCore"], swiftSettings: strict),
        .target(
            name: "PathfolioAPI",
            dependencies: ["PathfolioCore", "PathfolioHTTP", "PathfolioInterop", "PathfolioPostgres", "PathfolioCrypto"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "pathfolio",
            dependencies: ["PathfolioCore", "PathfolioPostgres", "PathfolioHTTP", "PathfolioAPI", "PathfolioCrypto"],
            swiftSettings: strict
        ),

        .target(
            name: "PathfolioTestSupport",
            dependencies: ["PathfolioPostgres"],
            path: "Tests/PathfolioTestSupport",
            swiftSettings: strict
        ),
        .testTarget(name: "PathfolioCoreTests", dependencies: ["PathfolioCore"], swiftSettings: strict),
        .testTarget(
            name: "PathfolioPostgresTests",
            dependencies: ["PathfolioPostgres", "PathfolioTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "PathfolioHTTPTests", dependencies: ["PathfolioHTTP"], swiftSettings: strict),
        .testTarget(name: "PathfolioCryptoTests", dependencies: ["PathfolioCrypto"], swiftSettings: strict),
        .testTarget(
            name: "PathfolioInteropTests",
            dependencies: ["PathfolioInterop", "PathfolioCore", "PathfolioCrypto"],
            exclude: ["validate_case_export.py", "validate_clr_export.py"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PathfolioAPITests",
            dependencies: [
                "PathfolioAPI", "PathfolioHTTP", "PathfolioInterop", "PathfolioPostgres", "PathfolioTestSupport", "PathfolioCrypto",
            ],
            swiftSettings: strict
        ),

        // Benchmark drivers (bench/README.md).
        .executableTarget(name: "PathfolioCoreBench", dependencies: ["PathfolioCore"], path: "bench/core", swiftSettings: strict),
        .executableTarget(
            name: "PathfolioHTTPBenchServer", dependencies: ["PathfolioHTTP"], path: "bench/http/server", swiftSettings: strict
        ),
        .executableTarget(
            name: "PathfolioInteropBench", dependencies: ["PathfolioInterop", "PathfolioCore"], path: "bench/interop",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "PathfolioPoolBench", dependencies: ["PathfolioPostgres"], path: "bench/postgres", swiftSettings: strict
        ),
        .executableTarget(
            name: "PathfolioAPIBench", dependencies: ["PathfolioAPI", "PathfolioCore", "PathfolioPostgres", "PathfolioCrypto"],
            path: "bench/api/driver", swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
