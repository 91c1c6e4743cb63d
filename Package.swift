// swift-tools-version: 6.2
import PackageDescription

/// Notebooks are plain executables that planners read and rerun; CI runs each one.
let notebooks = ["generate-datasets", "abc-sweep", "needs-by-tier", "cluster-portfolio", "manager-leaves", "board-report"]

let package = Package(
    name: "kamp",
    products: [
        .library(name: "KeyAccounts", targets: ["KeyAccounts"]),
        .executable(name: "kamp", targets: ["kamp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // SHA-256 of the inputs for run.json: BoringSSL's assembly uses the
        // CPU's SHA instructions, 8x faster than a portable implementation.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            path: "Sources/CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // glibc's malloc_trim: no library to link, only a header to import.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // Vector square roots (a header-only shim; no library to link).
        .systemLibrary(name: "CVectorMath", path: "Sources/CVectorMath"),
        .target(
            name: "GSLMath",
            dependencies: ["CGSL", "CVectorMath"],
            swiftSettings: [.strictMemorySafety()]
        ),
        .target(
            name: "KeyAccounts",
            dependencies: [
                "GSLMath",
                "CMalloc",
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.strictMemorySafety()]
        ),
        .executableTarget(
            name: "kamp",
            dependencies: [
                "KeyAccounts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.strictMemorySafety()]
        ),
        .testTarget(name: "GSLMathTests", dependencies: ["GSLMath"]),
        .testTarget(name: "KeyAccountsTests", dependencies: ["KeyAccounts"]),
        .testTarget(name: "kampTests", dependencies: ["KeyAccounts"]),
    ] + notebooks.map { name in
        .executableTarget(
            name: name,
            dependencies: ["KeyAccounts"],
            path: "Notebooks-as-scripts/\(name)",
            swiftSettings: [.strictMemorySafety()]
        )
    },
    swiftLanguageModes: [.v6]
)
