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

    /// The OpenAPI document for one index: every `category` query parameter lists the index's
    /// category slugs as its `enum` (and the empty string, which means every category), since any
    /// other value is refused (400). A client generated
    /// from it, or a fuzzer, then knows the valid values. The bundled document is returned as it
    /// is when it cannot be read as JSON.
    static func openAPIDocument(_ document: ByteBuffer, categories: [String]) -> ByteBuffer {
        guard var root = (try? JSONSerialization.jsonObject(with: Data(document.readableBytesView))) as? [String: Any],
            var paths = root["paths"] as? [String: Any]
        else { return document }
        for (path, item) in paths {
            guard var operations = item as? [String: Any] else { continue }
            for (method, operation) in operations {
                guard var operation = operation as? [String: Any], var parameters = operation["parameters"] as? [[String: Any]] else { continue }
                for index in parameters.indices
                where parameters[index]["name"] as? String == "category" && parameters[index]["in"] as? String == "query" {
                    var schema = parameters[index]["schema"] as? [String: Any] ?? ["type": "string"]
                    schema["enum"] = [""] + categories  // empty: every category, as an HTML form sends "all"
                    parameters[index]["schema"] = schema
                }
                operation["parameters"] = parameters
                operations[method] = operation
            }
            paths[path] = operations
        }
        root["paths"] = paths
        guard let data = try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]) else {
            return document
        }
        return ByteBuffer(bytes: data)
    }
}
