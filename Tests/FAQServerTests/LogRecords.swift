import Logging
import Synchronization

/// Log records collected by ``RecordingLogHandler``.
final class LogRecords: Sendable {
    private let records = Mutex<[(Logger.Level, String)]>([])

    func append(_ record: (Logger.Level, String)) {
        records.withLock { $0.append(record) }
    }

    var all: [(Logger.Level, String)] { records.withLock { $0 } }
}
