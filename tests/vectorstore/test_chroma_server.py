"""The same store code against a real Chroma server (``chroma run``), and a clear error when it is down."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.components import Components
from core.settings import Settings
from ingest.pipeline import Ingestor
from qa.assistant import Assistant
from tests.conftest import write
from vectorstore.chroma_store import StoreError

CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path):
    port = _free_port()
    proc = subprocess.Popen([str(CHROMA), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"})
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("chroma server did not start")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_ingest_and_ask_through_a_chroma_server(tmp_path: Path, chroma_server: int) -> None:
    settings = Settings(data_dir=tmp_path / "local", chroma_host="127.0.0.1", chroma_port=chroma_server,
                        embedder="hash")
    components = Components(settings)
    write(tmp_path / "news" / "a.txt", 'Bridge reopens\n\n"The bridge is safe again," said engineer Mia Holm.\n')
    report = Ingestor(components, show_bar=False).run([str(tmp_path / "news")])
    assert len(report.added) == 1
    assert components.store.count() == 1
    assert not (tmp_path / "local" / "chroma").exists()  # vectors live on the server
    answer = Assistant(components).ask('Who said "the bridge is safe again"?')
    assert "Mia Holm" in answer.answer


def test_unreachable_server_is_one_clear_message(tmp_path: Path) -> None:
    components = Components(Settings(data_dir=tmp_path, chroma_host="127.0.0.1", chroma_port=_free_port(),
                                     embedder="hash"))
    with pytest.raises(StoreError) as err:
        _ = components.store
    assert "cannot reach the Chroma server" in str(err.value) and "\n" not in str(err.value)
