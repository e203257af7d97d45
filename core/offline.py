"""Switch off every network side channel before heavy libraries import.

Chroma, Hugging Face and Streamlit phone home unless told not to; this
module is imported first by every entry point so nothing leaves the machine.
"""

import os

_OFFLINE_ENV = {
    "ANONYMIZED_TELEMETRY": "False",  # chromadb / posthog
    "CHROMA_TELEMETRY": "False",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
    "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    "LANGCHAIN_TRACING_V2": "false",
    "LANGSMITH_TRACING": "false",
    "TOKENIZERS_PARALLELISM": "false",
    "TRANSFORMERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}


def go_offline() -> None:
    for key, value in _OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


go_offline()
