import Foundation
import NIOCore

/// Files bundled with the server target: the widget and demo page, and the OpenAPI document.
public enum ServerResources {
    /// The folder served at `/`: `index.html` (the demo page) and `widget.js`.
    public static var publicFolder: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Public")
    }

    /// The OpenAPI 3.1 description of the HTTP API.
    public static var openAPIURL: URL {
        Bundle.module.resourceURL!.appendingPathComponent("openapi.json")
    }

    static func openAPIDocument() -> ByteBuffer {
        ByteBuffer(bytes: FileManager.default.contents(atPath: openAPIURL.path) ?? Data("{}".utf8))
    }
}
