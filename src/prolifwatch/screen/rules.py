"""The version of the rules that make a hit, kept apart so that checking it imports no matcher."""

# Raised whenever what makes a hit changes (matching, gates, evidence), so that
# xref screens every entity again and a warm screener built by older code is
# not asked (screen/server.py).
SCREENING_RULES = "issue20-2"


def screening_signature(lists_signature: str) -> str:
    """The loaded editions and the rules: a hit made under another signature is out of date."""
    return f"{lists_signature};rules={SCREENING_RULES}"
