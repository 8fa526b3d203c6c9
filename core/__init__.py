"""Plumbing both apps use: versioned edits, strict filters, public pages, the API's building
blocks, surrogate keys and purges. It imports no app of the project."""
