import Foundation

/// Accumulates one Latin word or identifier and emits it whole, then by parts.
struct WordBuilder {
    /// Normalized bytes of the whole word, connectors included.
    private(set) var bytes: [UInt8] = []
    /// Original byte offset of each normalized byte's character (start and end).
    private var starts: [Int] = []
    private var ends: [Int] = []
    /// Indexes in `bytes` where a connector stands.
    private var connectors: [Int] = []

    var isEmpty: Bool { bytes.isEmpty }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        connectors.removeAll(keepingCapacity: true)
    }

    mutating func append(byte: UInt8, start: Int, end: Int) {
        guard bytes.count < TextAnalyzer.maxTokenBytes else { return }
        bytes.append(byte)
        starts.append(start)
        ends.append(end)
    }

    /// Appends all bytes of one character, or none when they would pass the cap, so a capped
    /// word never ends in half a character.
    mutating func append(character utf8: some Collection<UInt8>, start: Int, end: Int) {
        guard bytes.count + utf8.count <= TextAnalyzer.maxTokenBytes else { return }
        for byte in utf8 {
            bytes.append(byte)
            starts.append(start)
            ends.append(end)
        }
    }

    mutating func appendConnector(byte: UInt8, start: Int, end: Int) {
        guard bytes.count < TextAnalyzer.maxTokenBytes else { return }
        connectors.append(bytes.count)
        append(byte: byte, start: start, end: end)
    }

    /// Emits the whole word, then each connector-separated part, then the digit runs of parts that
    /// mix digits and letters (`30s` → `30`), all colocated with the whole word.
    func emit(
        _ emit: (UnsafeBufferPointer<UInt8>, TextAnalyzer.TokenKind, Int, Int, Bool) -> Bool
    ) -> Bool {
        func send(_ range: Range<Int>, _ kind: TextAnalyzer.TokenKind, colocated: Bool) -> Bool {
            bytes.withUnsafeBufferPointer { buffer in
                emit(UnsafeBufferPointer(rebasing: buffer[range]), kind, starts[range.lowerBound], ends[range.upperBound - 1], colocated)
            }
        }
        if !send(0..<bytes.count, .word, colocated: false) { return false }
        var parts: [Range<Int>] = []
        if !connectors.isEmpty {
            var lower = 0
            for c in connectors {
                if c > lower { parts.append(lower..<c) }
                lower = c + 1
            }
            if lower < bytes.count { parts.append(lower..<bytes.count) }
            for part in parts where !send(part, .wordPart, colocated: true) { return false }
        } else {
            parts = [0..<bytes.count]
        }
        for part in parts {
            var hasLetter = false
            var hasDigit = false
            for i in part { if bytes[i] >= 0x61 { hasLetter = true } else if bytes[i] <= 0x39 { hasDigit = true } }
            guard hasLetter && hasDigit else { continue }
            var i = part.lowerBound
            while i < part.upperBound {
                guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else {
                    i += 1
                    continue
                }
                var j = i
                while j < part.upperBound && bytes[j] >= 0x30 && bytes[j] <= 0x39 { j += 1 }
                if !send(i..<j, .wordPart, colocated: true) { return false }
                i = j
            }
        }
        return true
    }
}
