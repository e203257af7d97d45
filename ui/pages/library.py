"""Library page script; the logic lives in ``ui.library``."""

from ui import library

library.render()
