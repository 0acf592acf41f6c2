"""``python -m prolifwatch.cli``: the same as the ``prolifwatch`` command."""
from . import app

app(prog_name="prolifwatch")
