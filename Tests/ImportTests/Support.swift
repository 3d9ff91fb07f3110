import Foundation
import Import

/// Paths of the repository the tests run in.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var binary: URL { root.appendingPathComponent(".build/debug/briefing") }
}

/// pandoc on PATH: `make test` installs it; without it (it could not be installed) the tests
/// that convert Word files are skipped.
let pandoc = PandocRunner.locate()
let pandocInstalled = pandoc != nil

func tempDir(_ name: String = "t") -> URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-import-\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
}

/// A folder with content/site.yaml: the smallest site `briefing check` accepts.
func makeSite() throws -> URL {
    let root = tempDir("site")
    let content = root.appendingPathComponent("content")
    try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
    try Data("title: 导入测试\n".utf8).write(to: content.appendingPathComponent("site.yaml"))
    return root
}

/// Builds a .docx from Markdown with pandoc (the fixture is made in the test, not stored).
func makeDocx(_ markdown: String, at url: URL) throws {
    let dir = tempDir("md")
    let md = dir.appendingPathComponent("in.md")
    try Data(markdown.utf8).write(to: md)
    let p = Process()
    p.executableURL = pandoc
    p.arguments = [md.path, "--from=markdown", "--to=docx", "--output=\(url.path)"]
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
}

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `briefing` executable in `cwd`; `path` replaces PATH when given.
func runBriefing(_ args: [String], cwd: URL, path: String? = nil) throws -> RunResult {
    let p = Process()
    p.executableURL = Repo.binary
    p.arguments = args
    p.currentDirectoryURL = cwd
    if let path {
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = path
        p.environment = env
    }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RunResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// Every file under a folder, relative path → bytes.
func snapshot(_ dir: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    guard let e = FileManager.default.enumerator(atPath: dir.path) else { return out }
    while let rel = e.nextObject() as? String {
        var isDir: ObjCBool = false
        let p = dir.appendingPathComponent(rel).path
        if FileManager.default.fileExists(atPath: p, isDirectory: &isDir) {
            out[rel] = isDir.boolValue ? Data("<dir>".utf8) : FileManager.default.contents(atPath: p)
        }
    }
    return out
}
