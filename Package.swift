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
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        // Named for the pipeline handler that bounds requests and for a quiet logger; Hummingbird uses both.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // GitHub's CommonMark (cmark-gfm) with its table extension, from Debian's packages.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Values shared by every stage: quantities, units, content model, routes, diagnostics. No I/O.
        .target(name: "BriefingCore"),
        // Walks content/, splits front matter, decodes YAML into BriefingCore values.
        .target(name: "Content", dependencies: ["BriefingCore", .product(name: "Yams", package: "Yams")]),
        // Formula language, unit algebra, dependency graph, checks.
        .target(name: "Calc", dependencies: ["BriefingCore"]),
        // cmark wrapper: the facts of a body (links, bindings, headings) and its HTML.
        .target(name: "Markup", dependencies: ["BriefingCore", "CCmark"]),
        // load → evaluate → check → facts, and the cross-document indexes; one path for a full
        // build and an edit. Never renders.
        .target(name: "Analysis", dependencies: ["BriefingCore", "Content", "Calc", "Markup"]),
        // One file per page kind, Mustache templates, SVG charts, feeds and data exports.
        .target(name: "Render", dependencies: ["BriefingCore", "Calc", "Markup", "Analysis",
                                               .product(name: "Mustache", package: "swift-mustache")]),
        // renameat2(RENAME_EXCHANGE), which Glibc's module map does not expose.
        .target(name: "CFileExchange"),
        // The atomic streaming writer and the live site of `serve`.
        .target(name: "Output", dependencies: ["BriefingCore", "Content", "Calc", "Analysis", "Render", "CFileExchange"]),
        // `briefing serve`: HTTP on 127.0.0.1 with live reload.
        .target(name: "Serve", dependencies: [
            "Output",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // What the commands do besides building: check report formats, scaffolds.
        .target(name: "Commands", dependencies: ["BriefingCore", "Content", "Calc", "Markup", "Analysis"]),
        // `briefing import`: a Word file through pandoc into a report with candidate figures.
        .target(name: "Import", dependencies: ["BriefingCore"]),
        .executableTarget(name: "briefing", dependencies: ["Analysis", "Render", "Output", "Serve", "Commands", "Import", "Content",
                                                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "BriefingCoreTests", dependencies: ["BriefingCore"]),
        .testTarget(name: "ContentTests", dependencies: ["Content"]),
        .testTarget(name: "CalcTests", dependencies: ["Calc", "Content"]),
        .testTarget(name: "MarkupTests", dependencies: ["Markup"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis"]),
        .testTarget(name: "ImportTests", dependencies: ["Import"]),
        // The compiled template plan against swift-mustache: small templates and every real page.
        .testTarget(name: "RenderPlanTests", dependencies: ["Render", "Analysis", "BriefingCore",
                                                           .product(name: "Mustache", package: "swift-mustache")]),
        .testTarget(name: "SiteTests", dependencies: ["Analysis", "Render", "Output", "Commands"], resources: [.copy("Fixtures")]),
    ]
)
