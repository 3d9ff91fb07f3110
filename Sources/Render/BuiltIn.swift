import Foundation

/// The default templates and assets, built into the program (DESIGN §2) so that one binary
/// builds a site with no templates/ folder; a site's own templates/ overrides them file by
/// file. The bytes come from BuiltInTemplates.swift, generated from templates/ by
/// scripts/embed-templates.py.
public enum BuiltInTemplates {
    /// Every built-in file by its path inside templates/ ("base.mustache",
    /// "assets/style.css"), sorted by path.
    public static let files: [(path: String, data: Data)] = base64.map { entry in
        guard let data = Data(base64Encoded: entry.base64) else {
            // Only a hand-edited generated file gets here; the generator writes valid base64.
            fatalError("BuiltInTemplates.swift: \(entry.path) is not valid base64; run python3 scripts/embed-templates.py")
        }
        return (entry.path, data)
    }
}
