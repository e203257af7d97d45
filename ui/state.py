"""One ``Components`` (and one ``Assistant``) per store, shared by all browser sessions.

Building components opens SQLite/Chroma and may load the embedding model, so
it is done once per settings value with ``st.cache_resource``; per-browser
state (the conversation, the last ingest report) lives in ``st.session_state``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from core.components import Components
from core.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from qa.assistant import Assistant

MESSAGES = "messages"
REPORT = "last_report"
FLASH = "flash"


def settings() -> Settings:
    """Settings from env/TOML on every run (cheap), stopping the page with one clear line if wrong."""
    try:
        return load_settings()
    except SettingsError as exc:
        st.error(str(exc), icon=":material/settings_alert:")
        st.stop()
        raise  # unreachable: st.stop raises; keeps type checkers honest


@st.cache_resource(show_spinner=False)
def _components(key: str, _settings: Settings) -> Components:
    return Components(_settings)


@st.cache_resource(show_spinner=False)
def _assistant(key: str, _components: Components) -> Assistant:
    from qa.assistant import Assistant

    return Assistant(_components)


def components() -> Components:
    """The cached components of the configured store (keyed by the whole settings value)."""
    s = settings()
    return _components(s.model_dump_json(), s)


def assistant() -> Assistant:
    """The cached assistant bound to the cached components of the same store."""
    s = settings()
    return _assistant(s.model_dump_json(), components())


def messages() -> list[dict[str, Any]]:
    """This browser session's conversation: dicts with role, content and (assistant) the Answer."""
    return st.session_state.setdefault(MESSAGES, [])


def flash(message: str, icon: str = ":material/check_circle:") -> None:
    """Queue a toast for the next run: actions that ``st.rerun`` would otherwise lose their feedback."""
    st.session_state[FLASH] = (message, icon)


def show_flash() -> None:
    queued = st.session_state.pop(FLASH, None)
    if queued:
        st.toast(queued[0], icon=queued[1])
