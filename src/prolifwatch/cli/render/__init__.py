"""Terminal rendering for the CLI, one module per command group.

Ingested text is untrusted: it is always added to ``terminal.Text`` objects
(control characters shown as escapes), never interpreted as markup.
"""
