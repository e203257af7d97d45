"""The packaged model loads with every hub address unreachable: a user's first run never downloads."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_model_loads_with_hub_unreachable() -> None:
    env = {**os.environ, "HF_ENDPOINT": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "HTTP_PROXY": "http://127.0.0.1:9", "HF_HOME": "/nonexistent-hf-home"}
    code = "from vectorstore.embedder import MiniLMEmbedder; print(len(MiniLMEmbedder().embed_query('hi')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "384"


def test_telemetry_is_off_before_libraries_load() -> None:
    code = ("import core.offline, os; print(os.environ['ANONYMIZED_TELEMETRY'], os.environ['HF_HUB_OFFLINE'], "
            "os.environ['STREAMLIT_BROWSER_GATHER_USAGE_STATS'])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={k: v for k, v in os.environ.items() if k not in {"ANONYMIZED_TELEMETRY", "HF_HUB_OFFLINE"}})
    assert out.stdout.split() == ["False", "1", "false"]
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert "gatherUsageStats = false" in config
