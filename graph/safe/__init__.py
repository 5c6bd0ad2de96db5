"""Safe output shared by the engine, publishing, exports and queries: IRI-derived paths that
cannot leave their folder, atomic writes, spreadsheet-safe CSV cells."""
