"""{{ project_name }}: the app package (see main.create_app)."""

__version__ = "0.1.0"
