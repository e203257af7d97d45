"""The one typed settings tree.

Every knob lives here so that the CLI, the app and the tests build the same
components from the same object. Values come from (highest first): explicit
arguments, ``NEWSQA_*`` environment variables, a TOML file (``newsqa.toml`` in
the working directory or the path in ``NEWSQA_CONFIG``), then defaults that
just work offline on a laptop.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource


def _config_file() -> Path:
    return Path(os.environ.get("NEWSQA_CONFIG", "newsqa.toml"))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSQA_", extra="forbid", validate_default=True)

    data_dir: Path = Field(Path("data"), description="Folder holding the Chroma store, record manager and catalog.")
    collection: str = Field("news", description="Chroma collection name.")
    chroma_host: str | None = Field(None, description="Chroma server host; unset means embedded Chroma in data_dir.")
    chroma_port: int = Field(8000, ge=1, le=65535)

    embedder: Literal["minilm", "hash"] = Field(
        "minilm", description="'minilm' is the packaged all-MiniLM-L6-v2; 'hash' is a fast fake for unit tests."
    )
    embed_batch_size: int = Field(32, ge=1, le=1024)
    index_batch_size: int = Field(512, ge=1, le=5000, description="Passages embedded and written per commit.")

    chunk_chars: int = Field(900, ge=200, le=4000, description="Target passage size; ~200 MiniLM tokens.")
    url_timeout: float = Field(15.0, gt=0)
    max_bytes: int = Field(10_000_000, ge=1000)
    lock_timeout: float = Field(60.0, ge=0, description="Seconds a second ingest waits for the store lock.")

    top_k: int = Field(5, ge=1, le=50, description="Passages retrieved per question.")
    answerer: Literal["extractive"] = "extractive"

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, v: Path) -> Path:
        return Path(v).expanduser()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=_config_file()))


class SettingsError(ValueError):
    """A wrong setting, reported in one line that says what to fix."""


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning pydantic's multi-line errors into one clear line."""
    from pydantic import ValidationError

    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "settings"
        raise SettingsError(
            f"invalid setting {field!r}: {err['msg']} (check NEWSQA_{field.upper()} or {_config_file()})"
        ) from None
