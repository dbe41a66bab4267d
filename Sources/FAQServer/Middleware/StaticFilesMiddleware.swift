import HTTPTypes
import Hummingbird

/// Serves the widget's files (``staticPaths``) through Hummingbird's `FileMiddleware`, and
/// nothing else through it.
///
/// `FileMiddleware` tries every path no route answered: it percent-decoded `/widget.js%00.html`
/// into a name the file system cut at the NUL while the content type followed the fake `.html`
/// (finding 7), and it answered 400 "check the body and the URL encoding" to any path with `..`,
/// such as an entry id `0..0` that does not exist (finding 9). Only the exact static paths reach
/// it now; everything else keeps the router's answer.
struct StaticFilesMiddleware<Context: RequestContext>: RouterMiddleware {
    let files: FileMiddleware<Context, LocalFileSystem>
    let paths: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard paths.contains(request.uri.path) else { return try await next(request, context) }
        return try await files.handle(request, context: context, next: next)
    }
}
