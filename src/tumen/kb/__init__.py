"""The knowledge base: YAML read with line numbers, the record model and schema, the
loader, the validator and its problems, the canonical layout, the source policy and the
indexed KnowledgeBase. It imports only from tumen.core."""
