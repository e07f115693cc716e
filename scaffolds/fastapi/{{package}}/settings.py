"""Settings read from the environment (prefix {{ package | constant }}_), so one build runs anywhere."""

import os
from dataclasses import dataclass
from typing import Mapping

PREFIX = "{{ package | constant }}_"


@dataclass(frozen=True)
class Settings:
    """What the app may be told by its environment; every field has a safe default."""

    environment: str = "development"
    log_level: str = "info"
    docs_enabled: bool = True

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        def text(name: str, default: str) -> str:
            return environ.get(PREFIX + name, default)

        def flag(name: str, default: bool) -> bool:
            value = environ.get(PREFIX + name)
            if value is None:
                return default
            lowered = value.strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise ValueError(f"{PREFIX}{name} must be true or false, not {value!r}")

        return cls(
            environment=text("ENVIRONMENT", cls.environment),
            log_level=text("LOG_LEVEL", cls.log_level),
            docs_enabled=flag("DOCS_ENABLED", cls.docs_enabled),
        )
