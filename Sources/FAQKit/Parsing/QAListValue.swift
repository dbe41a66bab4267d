import Foundation
import Yams

/// A value in a Q&A list file, a JSON value or a YAML node, as `QAListReader` looks at it, so
/// both formats find their list of pairs and read groups of pairs the same way.
protocol QAListValue {
    /// Its keys, lowercased; nil when it is no object (mapping).
    var keys: Set<String>? { get }
    /// Its text fields (strings, numbers) by lowercased key; nil when it is no object.
    var textFields: [String: String]? { get }
    /// Its fields that hold lists, by key as written.
    var listFields: [(key: String, items: [Self])] { get }
    /// The line it starts on, when the format says.
    var line: Int? { get }
}

/// A value `JSONSerialization` read.
struct JSONValue: QAListValue {
    var value: Any

    var keys: Set<String>? { (value as? [String: Any]).map { Set($0.keys.map { $0.lowercased() }) } }

    var textFields: [String: String]? {
        guard let object = value as? [String: Any] else { return nil }
        var fields: [String: String] = [:]
        for (key, value) in object {
            if let string = value as? String {
                fields[key.lowercased()] = string
            } else if let number = value as? NSNumber {
                fields[key.lowercased()] = number.stringValue
            }
        }
        return fields
    }

    var listFields: [(key: String, items: [JSONValue])] {
        (value as? [String: Any] ?? [:]).compactMap { key, value in (value as? [Any]).map { (key, $0.map(JSONValue.init)) } }
    }

    var line: Int? { nil }
}

/// A YAML node, read without converting it whole: an alias repeats a node without copying it,
/// and a file of nested aliases (a "billion laughs") would expand to billions of values.
extension Node: QAListValue {
    var keys: Set<String>? { mapping.map { Set($0.keys.compactMap { $0.string?.lowercased() }) } }

    var textFields: [String: String]? {
        guard let mapping else { return nil }
        var fields: [String: String] = [:]
        for (key, value) in mapping {
            if let key = key.string, let value = value.scalar?.string { fields[key.lowercased()] = value }
        }
        return fields
    }

    var listFields: [(key: String, items: [Node])] {
        (mapping.map(Array.init) ?? []).compactMap { key, value in
            guard let key = key.string, let list = value.sequence else { return nil }
            return (key, Array(list))
        }
    }

    var line: Int? { mark?.line }
}
