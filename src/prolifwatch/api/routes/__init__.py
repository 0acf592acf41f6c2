"""The web app's routes, one module per area; each has ``register(twins, app)``."""
