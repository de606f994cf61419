"""Reading content: safe YAML with source positions, then validation into the model."""
