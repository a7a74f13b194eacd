"""The seed article: the actors the issue names, coded and merged."""

from __future__ import annotations

from conftest import SEED, need_shared

from dateline.actors import actor_at


def _seed():
    raw = need_shared(SEED).read_text(encoding="utf-8")
    _, date, text = raw.split(maxsplit=2)
    return date, raw[raw.index(text[:20]):]


def _find(rec, phrase):
    i = rec.article.text.index(phrase)
    return actor_at(rec, i, i + len(phrase))


def test_seed_actors(analyse):
    date, text = _seed()
    rec = analyse(text, date, stages=("actors",))
    kim = _find(rec, "Kim Jong Un")
    assert (kim.name, kim.country, kim.sector) == ("Kim Jong Un", "PRK", "GOV")
    assert sum(m.text == "Kim" for m in kim.mentions) >= 3  # later "Kim" is the same actor
    assert any(m.text.lower() == "the north korean leader" for m in kim.mentions)
    pez = _find(rec, "Masoud Pezeshkian")
    assert (pez.country, pez.sector) == ("IRN", "GOV")
    hong = _find(rec, "Hong Lei")
    assert (hong.name, hong.country, hong.sector) == ("Hong Lei", "CHN", "GOV")
    assert "he" in [m.text for m in hong.mentions]  # "he added" after Hong's quote
    chong = _find(rec, "Chong Ja Ian")
    assert (chong.country, chong.sector) == ("SGP", "EDU")
    loh = _find(rec, "Dylan Loh")  # "Singapore's Nanyang Technological University" is in Singapore
    assert (loh.country, loh.sector) == ("SGP", "EDU")
    kcna = _find(rec, "Korean Central News Agency")
    assert (kcna.country, kcna.sector) == ("PRK", "MED")
    i = text.index("Beijing has historically")
    beijing = actor_at(rec, i, i + len("Beijing"))
    assert (beijing.country, beijing.sector) == ("CHN", "GOV")
    i = text.index("both countries")
    both = {a.country for a in rec.actors if any(m.start == i for m in a.mentions)}
    assert both == {"CHN", "PRK"}
