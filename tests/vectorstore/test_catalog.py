from pathlib import Path

from ingest.pipeline import Ingestor
from tests.conftest import make_components, write


def test_quote_index_by_speaker_and_text_follows_updates(tmp_path: Path) -> None:
    components = make_components(tmp_path)
    a = write(tmp_path / "a.txt", 'Flood defences\n\nMayor Ana Reyes spoke on Monday. "The wall will hold," Reyes said.\n')
    Ingestor(components, show_bar=False).run([str(a)])
    by_name = components.catalog.find_quotes(speaker="Reyes")
    assert [q.speaker for q in by_name] == ["Ana Reyes"] and by_name[0].text == "The wall will hold"
    assert components.catalog.find_quotes(text="wall will")[0].speaker == "Ana Reyes"

    write(a, 'Flood defences\n\nMayor Ana Reyes spoke on Monday. "We need a higher wall," Reyes said.\n')
    Ingestor(components, show_bar=False).run([str(a)])
    assert components.catalog.find_quotes(text="will hold") == []
    assert components.catalog.find_quotes(speaker="ana reyes")[0].text == "We need a higher wall"


def test_generation_bumps_on_every_change(tmp_path: Path) -> None:
    components = make_components(tmp_path)
    before = components.catalog.generation()
    write(tmp_path / "a.txt", "Title\n\nSome text about a bridge.\n")
    Ingestor(components, show_bar=False).run([str(tmp_path)])
    assert components.catalog.generation() > before
