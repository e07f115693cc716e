import pytest

from {{ package }}.main import create_app
from {{ package }}.settings import PREFIX, Settings


def test_settings_come_from_the_environment():
    settings = Settings.from_environment({PREFIX + "ENVIRONMENT": "production", PREFIX + "DOCS_ENABLED": "false"})
    assert settings.environment == "production"
    assert settings.docs_enabled is False
    assert settings.log_level == "info"


def test_a_malformed_flag_is_refused():
    with pytest.raises(ValueError, match="DOCS_ENABLED"):
        Settings.from_environment({PREFIX + "DOCS_ENABLED": "maybe"})


def test_docs_can_be_turned_off():
    app = create_app(Settings(docs_enabled=False))
    assert app.docs_url is None
