// swift-tools-version:6.0
// libFuzzer targets for Briefing. Build and run with `make fuzz` from the
// repository root (mk/fuzz.mk); see there for the flags.
//
// The library targets are the main package's own sources through symlinks in Sources/
// (Sources/Content -> ../../Sources/Content …): the main package exposes only the
// `briefing` executable, and a path dependency on `..` can only use products.
import PackageDescription

let package = Package(
    name: "BriefingFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "BriefingCore"),
        .target(name: "Content", dependencies: ["BriefingCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "Calc", dependencies: ["BriefingCore"]),
        .target(name: "Markup", dependencies: ["BriefingCore", "CCmark"]),
        // Front matter: arbitrary bytes → SourceText.decode → DocumentDecoder.decode.
        .executableTarget(name: "FuzzFrontMatter", dependencies: ["Content", "BriefingCore"]),
        // Formulas: FormulaParser.parse, Evaluator and Checker on a small fixed project.
        .executableTarget(name: "FuzzFormula", dependencies: ["Calc", "BriefingCore"]),
        // Markdown bodies: BodyFacts.collect and BodyHTML.render with link targets (fig:, report:, region:, chart:).
        .executableTarget(name: "FuzzLinks", dependencies: ["Markup", "BriefingCore"]),
    ]
)
