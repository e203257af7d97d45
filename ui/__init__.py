"""Streamlit UI of the news QA assistant: small page modules that only render and call project APIs.

Nothing here retrieves or answers; the UI shows what ``qa``, ``ingest`` and
``vectorstore`` produce, so every behaviour can be tested below the UI.
"""
