// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Briefing",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "briefing", targets: ["briefing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Values shared by every stage: quantities, units, content model, diagnostics. No I/O.
        .target(name: "BriefingCore"),
        // Walks content/, splits front matter, decodes YAML into BriefingCore values.
        .target(name: "Content", dependencies: ["BriefingCore", .product(name: "Yams", package: "Yams")]),
        // Formula language, unit algebra, dependency graph, checks.
        .target(name: "Calc", dependencies: ["BriefingCore"]),
        // cmark wrapper: AST link rewriting, heading anchors, summaries.
        .target(name: "Markup", dependencies: ["BriefingCore", "CCmark"]),
        // View models, Mustache templates, data exports.
        .target(name: "Render", dependencies: ["BriefingCore", "Calc", "Markup", .product(name: "Mustache", package: "swift-mustache")]),
        // The pipeline: load → evaluate → check → render → write.
        .target(name: "Site", dependencies: ["BriefingCore", "Content", "Calc", "Markup", "Render"]),
        // `briefing serve`: HTTP on 127.0.0.1 with live reload.
        .target(name: "Serve", dependencies: ["Site", .product(name: "FlyingFox", package: "FlyingFox")]),
        .executableTarget(name: "briefing", dependencies: ["Site", "Render", "Serve", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "BriefingCoreTests", dependencies: ["BriefingCore"]),
        .testTarget(name: "ContentTests", dependencies: ["Content"]),
        .testTarget(name: "CalcTests", dependencies: ["Calc", "Content"]),
        .testTarget(name: "MarkupTests", dependencies: ["Markup"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Render"], resources: [.copy("Fixtures")]),
    ]
)
