"""Shared fixtures: components on a temp store, with the fast fake embedder or the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

import core.offline  # noqa: F401
from core.components import Components
from core.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"


def make_components(tmp_path: Path, embedder: str = "hash", **kw: object) -> Components:
    return Components(Settings(data_dir=tmp_path / "store", embedder=embedder, **kw))


@pytest.fixture
def components(tmp_path: Path) -> Components:
    return make_components(tmp_path)


@pytest.fixture(scope="session")
def minilm_components(tmp_path_factory: pytest.TempPathFactory) -> Components:
    """A real store with the real model, shared by the slower integration tests."""
    return make_components(tmp_path_factory.mktemp("real"), embedder="minilm")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
