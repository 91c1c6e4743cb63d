// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "csvbench",
    dependencies: [.package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2")],
    targets: [.executableTarget(name: "csvbench", dependencies: [.product(name: "CSV", package: "CSV.swift")],
                                swiftSettings: [.swiftLanguageMode(.v5)])]
)
