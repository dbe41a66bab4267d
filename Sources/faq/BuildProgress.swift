import FAQKit
import FAQServer
import Foundation
import Glibc
import Logging
import Synchronization

/// What a long open shows on a terminal: after a second with nothing to show, the time spent so
/// far (reading and parsing a large corpus has no count to show: 210 s in silence for a 200 MB
/// file), then a bar of entries written while the index is built.
final class BuildProgress: Sendable {
    private struct State {
        var stopped = false
        var counting = false
        var drawn = false
    }

    private let label: String
    private let started = Date()
    private let state = Mutex(State())
    /// Dispatch sources are thread-safe; the timer is set once, here.
    nonisolated(unsafe) private let timer: any DispatchSourceTimer

    init(label: String) {
        self.label = label
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
    }

    private func tick() {
        state.withLock { state in
            guard !state.counting, !state.stopped else { return }
            let seconds = Int(Date().timeIntervalSince(started))
            Self.write("\r\u{1B}[2K\(label): reading the corpus… \(seconds) s", &state)
        }
    }

    /// The callback for `KnowledgeBase.open(progress:)`: entries written, of all.
    var update: @Sendable (Int, Int) -> Void {
        { [self] done, total in
            state.withLock { state in
                state.counting = true
                let width = 30
                let filled = total > 0 ? min(width, done * width / total) : width
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                Self.write("\r\u{1B}[2K\(label) \(bar) \(done)/\(total)", &state)
            }
        }
    }

    /// Stops the clock and clears the line if anything was drawn.
    func finish() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            timer.cancel()
            if state.drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        }
    }

    private static func write(_ text: String, _ state: inout State) {
        state.drawn = true
        FileHandle.standardError.write(Data(text.utf8))
    }
}
