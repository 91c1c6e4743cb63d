/// kamp's version, written to run.json and printed by `kamp --version`.
public let kampVersion = "0.1.0"
