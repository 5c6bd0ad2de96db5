"""Reports against official text: which document a report is about, whether its figures agree
with the official graph, and the report's own triples (claims with verdicts)."""
