"""Tests of policykg export: dumps, VoID, site, graph tools, explorer, safety."""
