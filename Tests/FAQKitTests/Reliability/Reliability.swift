import Testing

/// The reliability suites (hostile input, fuzz regressions) and their helpers, under one name so
/// `swift test --filter Reliability` selects them and their helpers cannot clash with other suites'.
@Suite enum Reliability {}
