"""The events stage on sentences written for these tests, one phenomenon each."""

from __future__ import annotations

import json

import pytest

from dateline.pipeline import available_stages

STAGES = tuple(available_stages())
pytestmark = pytest.mark.skipif("events" not in STAGES or "actors" not in STAGES,
                                reason="the events stage needs the time and actors stages")


@pytest.fixture
def events(analyse):
    def run(text, date="2025-08-28", config=None):
        rec = analyse(text, date, stages=STAGES, config=config)
        return rec, rec.events

    return run


def one(evs, type_, trigger=None):
    found = [e for e in evs if e.type == type_ and (trigger is None or trigger in e.trigger.text)]
    assert found, [(e.type, e.trigger.text) for e in evs]
    return found


def codes(evs, side):
    return sorted({getattr(e, side).country for e in evs if getattr(e, side) is not None})


def test_simple_visit_with_target_date_and_crosswalk(events):
    rec, evs = events("Japanese Prime Minister Shigeru Ishiba visited India on Friday.")
    (e,) = one(evs, "CONSULT", "visited")
    assert e.mode == "visit" and e.status == "asserted"
    assert e.source.country == "JPN" and e.target.country == "IND"
    assert e.date.from_ == "text" and e.date.value == "2025-08-22"
    assert e.cameo == "042" and e.quad_class == 1 and e.goldstein == pytest.approx(1.9)
    assert rec.article.text[e.trigger.start:e.trigger.end] == "visited"


def test_coordinated_subjects_give_two_events(events):
    _, evs = events("French President Emmanuel Macron and German Chancellor Friedrich Merz met Ukrainian "
                    "President Volodymyr Zelensky in Kyiv on Saturday.")
    met = one(evs, "CONSULT", "met")
    assert codes(met, "source") == ["DEU", "FRA"]
    assert codes(met, "target") == ["UKR"]


def test_coordinated_objects_give_two_events(events):
    _, evs = events("The Egyptian foreign minister condemned Israel and Iran on Monday.")
    acc = one(evs, "ACCUSE", "condemned")
    assert codes(acc, "source") == ["EGY"]
    assert codes(acc, "target") == ["IRN", "ISR"]


def test_passive_voice_swaps_roles(events):
    _, evs = events("Two Kenyan journalists were arrested by Ugandan police on Tuesday.")
    (e,) = one(evs, "COERCE", "arrested")
    assert e.mode == "arrest"
    assert e.source.country == "UGA" and e.target.country == "KEN"


def test_light_verb_provide_support(events):
    _, evs = events("Brazil has provided political support to Venezuela for years.")
    (e,) = one(evs, "SUPPORT")
    assert e.source.country == "BRA" and e.target.country == "VEN"


def test_light_verb_impose_sanctions(events):
    _, evs = events("Canada imposed new sanctions on Russia last month.")
    (e,) = one(evs, "SANCTION")
    assert e.source.country == "CAN" and e.target.country == "RUS"
    assert e.date.value == "2025-07"


def test_lifting_sanctions_is_not_a_sanction(events):
    _, evs = events("Canada lifted its sanctions on Cuba in March.")
    assert not [e for e in evs if e.type == "SANCTION"]


def test_nominal_event_with_possessor_and_target(events):
    _, evs = events("Vietnam's visit to Laos was a success, officials said.")
    (e,) = one(evs, "CONSULT", "visit")
    assert e.source.country == "VNM" and e.target.country == "LAO"


def test_nominal_event_takes_its_own_year(events):
    _, evs = events("Historians still debate Germany's invasion of Poland in 1939.")
    (e,) = one(evs, "ASSAULT", "invasion")
    assert e.source.country == "DEU" and e.target.country == "POL"
    assert e.date.value == "1939" and e.date.from_ == "text"


def test_negation(events):
    _, evs = events("The Brazilian president did not attend the summit in Argentina.")
    (e,) = one(evs, "CONSULT", "attend")
    assert e.status == "negated"


def test_skipping_is_a_negated_visit(events):
    _, evs = events("The Mexican president skipped the summit in Canada in 2023.")
    (e,) = one(evs, "CONSULT", "skipped")
    assert e.status == "negated" and e.target.country == "CAN"


def test_conditional_would_is_hypothetical(events):
    _, evs = events("Pakistan would attack India if the talks failed, the minister said.")
    (e,) = one(evs, "ASSAULT", "attack")
    assert e.status == "hypothetical"
    assert e.date.value is None  # never the article date for what has not happened


def test_planned_event_keeps_its_type_and_never_takes_the_article_date(events):
    _, evs = events("Chinese President Xi Jinping will visit France.")
    (e,) = one(evs, "CONSULT", "visit")
    assert e.status == "planned"
    assert e.date.value is None and e.date.from_ == "article"


def test_planned_event_with_a_date(events):
    _, evs = events("Chinese President Xi Jinping will visit France next week.")
    (e,) = one(evs, "CONSULT", "visit")
    assert e.status == "planned" and e.date.from_ == "text" and e.date.value == "2025-W36"


def test_reference_to_an_occasion_takes_its_date(events):
    _, evs = events("Kenyan President William Ruto will attend a summit in Ethiopia on September 10. "
                    "Ugandan President Yoweri Museveni will also attend the summit.")
    later = [e for e in one(evs, "CONSULT", "attend") if e.source and e.source.country == "UGA"]
    assert later and later[0].date.value == "2025-09-10" and later[0].date.from_ == "text"


def test_reported_inside_a_quote(events):
    _, evs = events('"Our troops attacked the rebels in Goma," the Congolese army spokesman said.')
    (e,) = one(evs, "ASSAULT", "attacked")
    assert e.status == "reported"


def test_relative_clause_subject_is_its_antecedent(events):
    _, evs = events("Officials praised Norway, which has sent aid to Sudan.")
    (e,) = one(evs, "AID")
    assert e.source.country == "NOR" and e.target.country == "SDN"


def test_no_event_without_a_trigger(events):
    _, evs = events("The weather in Paris was mild on Sunday.")
    assert evs == []


def test_no_actor_from_an_unrelated_clause(events):
    _, evs = events("Turkey condemned Greece, and protesters marched against the government.")
    (march,) = one(evs, "PROTEST", "marched")
    assert march.source is None or march.source.country != "TUR"
    assert one(evs, "ACCUSE", "condemned")[0].source.country == "TUR"


def test_modal_demand_in_reported_speech(events):
    _, evs = events("Germany said Iran must release the detained journalists.")
    (e,) = one(evs, "REQUEST")
    assert e.source.country == "DEU" and e.target.country == "IRN"


def test_user_lexicon_extends_the_predicates(events, tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"entries": [
        {"lemma": "snub", "pos": "verb", "type": "REJECT", "cameo": "120", "target": ["dobj"]}]}))
    _, before = events("Ghana snubbed Togo at the summit.")
    assert not [e for e in before if e.type == "REJECT"]
    _, after = events("Ghana snubbed Togo at the summit.", config={"events": {"extra": [str(extra)]}})
    (e,) = one(after, "REJECT", "snubbed")
    assert e.source.country == "GHA" and e.target.country == "TGO"


def test_bad_user_lexicon_is_refused(tmp_path):
    from dateline.events.lexicon import load_lexicon

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"entries": [{"lemma": "snub", "type": "SNUB"}]}))
    with pytest.raises(ValueError, match="unknown PLOVER type"):
        load_lexicon((str(bad),))


@pytest.mark.parametrize("slot", ["prep_with", "verb:nonsense", "xcomp_whatever", "obj_prep:"])
def test_unknown_slot_name_is_refused(tmp_path, slot):
    from dateline.events.lexicon import load_lexicon

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"entries": [{"lemma": "snub", "type": "REJECT", "target": [slot]}]}))
    with pytest.raises(ValueError, match="unknown argument slot"):
        load_lexicon((str(bad),))


def test_every_builtin_slot_name_has_a_filler():
    from dateline.events.lexicon import load_lexicon
    from dateline.events.slots import check_slot

    lex = load_lexicon()
    entries = [e for d in (lex.verbs, lex.nouns, lex.multi_nouns) for es in d.values() for e in es]
    assert entries
    for e in entries:
        for slot in (*e.source, *e.target):
            check_slot(slot)


def test_object_control_gives_the_complement_its_subject(events):
    _, evs = events("The Kenyan president urged Ethiopia to release the Somali prisoners.")
    (e,) = one(evs, "RETREAT", "release")
    assert e.source.country == "ETH" and e.status == "hypothetical"


def test_accused_of_doing(events):
    _, evs = events("Ukraine accused Russia of attacking Ukrainian ports on Wednesday.")
    (e,) = one(evs, "ASSAULT", "attacking")
    assert e.source.country == "RUS"


def test_would_under_a_past_speech_verb_is_planned_not_hypothetical(events):
    _, evs = events("The Kenyan government said the president would visit Tanzania.")
    (e,) = one(evs, "CONSULT", "visit")
    assert e.status == "planned"


def test_hoping_is_not_doing(events):
    _, evs = events("Officials said India and Japan hoped to sign an agreement on defence.")
    for e in one(evs, "SUPPORT", "sign"):
        assert e.status == "hypothetical"


def test_reciprocal_action_has_no_recipient_from_its_own_sources(events):
    # a joint action: one event each way (PLOVER), and no recipient beyond the two sides
    _, evs = events("Chile and Peru agreed upon a trade pact between the two countries.")
    agreed = one(evs, "AGREE", "agreed")
    assert sorted((e.source.country, e.target.country) for e in agreed) == [("CHL", "PER"), ("PER", "CHL")]


def test_raised_subject_of_a_passive(events):
    _, evs = events("The Chinese foreign minister is expected to visit Berlin in May.")
    (e,) = one(evs, "CONSULT", "visit")
    assert e.source.country == "CHN" and e.target.country == "DEU" and e.status == "planned"
    assert e.date.value == "2026-05"


def test_light_verb_object_takes_the_verbs_date(events):
    _, evs = events("The Indian prime minister paid a visit to Moscow last July.")
    (e,) = one(evs, "CONSULT", "visit")
    assert e.source.country == "IND" and e.target.country == "RUS" and e.date.value == "2025-07"


def test_talks_between_two_sides_are_reciprocal(events):
    _, evs = events("The talks between Armenia and Azerbaijan ended without a deal.")
    talks = one(evs, "CONSULT", "talks")
    assert codes(talks, "source") == ["ARM", "AZE"] and codes(talks, "target") == ["ARM", "AZE"]
    a, b = talks
    assert (a.pair, b.pair) == (b.id, a.id) and a.source == b.target


def test_blocking_a_decision_is_a_rejection_not_a_road_block(events):
    _, evs = events("Hungary blocked an EU aid package for Ukraine.")
    (e,) = one(evs, "REJECT", "blocked")
    assert e.source.country == "HUN"
    assert not [x for x in evs if x.type == "PROTEST"]


def test_meetings_need_someone_met(events):
    _, evs = events("Vietnamese executives are talking openly about a merger.")
    assert not [e for e in evs if e.type == "CONSULT"]
    _, evs = events("Vietnamese and Thai leaders met in Hanoi on Monday.")
    assert one(evs, "CONSULT", "met")


def test_concede_needs_something_conceded(events):
    _, evs = events("The Kenyan minister conceded that the plan had failed.")
    assert not [e for e in evs if e.type == "CONCEDE"]


def test_support_verb_object_takes_the_verbs_subject(events):
    _, evs = events("Thousands of Kenyan students staged demonstrations to demand lower fees.")
    (e,) = one(evs, "PROTEST", "demonstrations")
    assert e.source.country == "KEN"


def test_purpose_clause_gives_the_recipient(events):
    _, evs = events("Kenyan students staged demonstrations to demand the resignation of President William Ruto.")
    (e,) = one(evs, "PROTEST", "demonstrations")
    assert e.source.country == "KEN" and e.target is not None and e.target.country == "KEN"


def test_resigning_has_no_recipient(events):
    _, evs = events("The Haitian general resigned to allow elections in Haiti.")
    (e,) = one(evs, "RETREAT", "resigned")
    assert e.mode == "resign" and e.target is None


def test_content_of_a_call_is_not_a_fact(events):
    _, evs = events("The Kremlin rejected calls by NATO to withdraw its troops from Ukraine.")
    (e,) = one(evs, "RETREAT", "withdraw")
    assert e.status == "hypothetical" and e.date.value is None


def test_going_on_strike(events):
    _, evs = events("Thousands of Argentine workers went on strike against the government's austerity measures.")
    (e,) = one(evs, "PROTEST", "strike")
    assert e.mode == "strike" and e.source.country == "ARG"


def test_suspending_a_member(events):
    _, evs = events("The African Union suspended Niger after the military coup.")
    (e,) = one(evs, "SANCTION", "suspended")
    assert e.source.country == "IGO" and e.target.country == "NER"
    _, evs = events("The Kenyan company suspended work on a new factory.")
    assert not [x for x in evs if x.type == "SANCTION"]


def test_partitive_object_of_a_support_verb(events):
    _, evs = events("Indian and French warships launched ten days of war games in the Indian Ocean.")
    games = one(evs, "COOPERATE", "war games")
    assert codes(games, "source") == ["FRA", "IND"]


def test_the_content_of_an_accusation_is_reported(events):
    _, evs = events("Ukraine accused Russia of attacking port facilities in Odesa.")
    (e,) = one(evs, "ASSAULT", "attacking")
    assert e.status == "reported" and e.source.country == "RUS"
    (a,) = one(evs, "ACCUSE", "accused")
    assert a.status == "asserted"


def test_event_nouns_as_modifiers_and_idioms_are_no_events(events):
    _, evs = events("Kenyan army air assault forces arrived in Somalia. In exchange, Kenya would cut tariffs.")
    assert not [e for e in evs if e.trigger.text in ("assault", "exchange")]


def test_the_invaded_country_in_a_compound(events):
    _, evs = events("Oil prices rose sharply after the Iraqi invasion of Kuwait.")
    (e,) = one(evs, "ASSAULT", "invasion")
    assert e.source.country == "IRQ" and e.target.country == "KWT"


QUOTED = ("\u201cWe will withdraw our troops from the border next month,\u201d the defence minister of Ukraine "
          "said. Russia attacked Ukraine on Monday.")


def test_an_event_in_a_quote_names_the_quote_and_one_outside_names_none(analyse):
    if "quotes" not in STAGES:
        pytest.skip("the quotes stage is absent")
    rec = analyse(QUOTED, "2025-08-28", stages=STAGES)
    (q,) = [q for q in rec.quotes if "withdraw" in q.text]
    (withdraw,) = one(rec.events, "RETREAT", "withdraw")
    assert withdraw.quote == q.id and withdraw.source.country == "UKR"
    (attack,) = one(rec.events, "ASSAULT", "attacked")
    assert attack.quote is None


def test_without_the_quotes_stage_no_event_names_a_quote(analyse):
    rec = analyse(QUOTED, "2025-08-28", stages=[s for s in STAGES if s != "quotes"])
    assert rec.quotes == []
    assert {e.type for e in rec.events} >= {"RETREAT", "ASSAULT"}
    assert [e.quote for e in rec.events] == [None] * len(rec.events)


def test_link_quotes_takes_the_innermost_quote_containing_the_trigger():
    from dateline.events.stage import link_quotes
    from dateline.record import Event, EventDate, Quote, SentenceSpan, Span

    def ev(start, end):
        return Event("e", "ASSAULT", Span(start, end, "x" * (end - start)), SentenceSpan(0, 100), EventDate(None))

    quotes = [Quote("outer", 0, 90, "", "indirect"), Quote("inner", 20, 40, "", "partial"),
              Quote("later", 60, 80, "", "direct")]
    inner, edge, outer, later, outside, straddling = (ev(25, 30), ev(20, 40), ev(45, 50), ev(60, 61),
                                                      ev(92, 95), ev(35, 45))
    link_quotes([inner, edge, outer, later, outside, straddling], quotes)
    assert [inner.quote, edge.quote, outer.quote, later.quote, outside.quote, straddling.quote] == \
        ["inner", "inner", "outer", "later", None, "outer"]
