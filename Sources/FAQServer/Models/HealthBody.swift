import Hummingbird

/// `GET /health`
struct HealthBody: ResponseEncodable {
    var status = "available"
    /// Why the last index reload failed, while the previous index keeps serving; absent after
    /// a successful reload or when none was tried.
    var lastReloadError: String?
}
