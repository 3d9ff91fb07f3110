import BriefingCore
import Foundation
import Analysis
import Output
import Commands

/// Paths of the repository the tests run in.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let content = root.appendingPathComponent("content")
    static let templates = root.appendingPathComponent("templates")
    static let site = root.appendingPathComponent("site")
    static let fixtures = root.appendingPathComponent("Tests/SiteTests/Fixtures")
    static var binary: URL { root.appendingPathComponent(".build/debug/briefing") }
}

func tempDir(_ name: String = "t") -> URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
}

/// Every file under a folder, relative path → bytes.
func snapshot(_ dir: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    guard let e = FileManager.default.enumerator(atPath: dir.path) else { return out }
    while let rel = e.nextObject() as? String {
        var isDir: ObjCBool = false
        let p = dir.appendingPathComponent(rel).path
        if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue {
            out[rel] = FileManager.default.contents(atPath: p)
        }
    }
    return out
}

/// A copy of the real content, to break on purpose.
func copyOfContent() throws -> URL {
    let dir = tempDir("content")
    let dest = dir.appendingPathComponent("content")
    try FileManager.default.copyItem(at: Repo.content, to: dest)
    return dest
}

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `briefing` executable.
func runBriefing(_ args: [String], cwd: URL? = nil, environment: [String: String]? = nil) throws -> RunResult {
    let p = Process()
    p.executableURL = Repo.binary
    p.arguments = args
    if let environment { p.environment = environment }
    if let cwd { p.currentDirectoryURL = cwd }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RunResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

func replaceInFile(_ url: URL, _ old: String, _ new: String) throws {
    let s = try String(contentsOf: url, encoding: .utf8)
    precondition(s.contains(old), "\(old) not in \(url.path)")
    try s.replacingOccurrences(of: old, with: new).write(to: url, atomically: false, encoding: .utf8)
}

func lineNumber(of needle: String, in url: URL) throws -> Int {
    let s = try String(contentsOf: url, encoding: .utf8)
    for (i, l) in s.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where l.contains(needle) { return i + 1 }
    return -1
}
