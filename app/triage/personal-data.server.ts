// The triage capability's personal data for export and erasure (see app/privacy/data-registry.server.ts).
// Register every table of this capability that holds personal data, or declare it not personal.
export {}
