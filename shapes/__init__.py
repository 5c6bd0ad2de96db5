"""policykg.shapes: SHACL shapes and the validation wrapper."""
