"""Chat page script; the logic lives in ``ui.chat`` so it stays importable and testable."""

from ui import chat

chat.render()
