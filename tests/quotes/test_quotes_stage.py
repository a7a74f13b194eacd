"""Quotes stage behaviour on sentences written for these tests, and on the seed article."""

from __future__ import annotations

import pytest
from conftest import SEED, need_shared

from dateline.quotes.marks import find_regions
from dateline.syntax import paragraphs

STAGES = ("actors", "quotes")


@pytest.fixture(scope="module")
def quotes(analyse):
    def run(text, config=None):
        return analyse(text, stages=STAGES, config=config).quotes

    return run


def one(qs, fragment):
    found = [q for q in qs if fragment in q.text]
    assert found, f"no quote with {fragment!r} in {[q.text for q in qs]}"
    return min(found, key=lambda q: len(q.text))  # the tightest: a partial quote, not its clause


def test_straight_quote_with_trailing_attribution_and_addressee(quotes):
    qs = quotes('"We will not back down," Mayor Anna Reyes told reporters on Monday.')
    q = one(qs, "We will not back down")
    assert q.kind == "direct"
    assert q.text == "We will not back down,"
    assert "Anna Reyes" in q.speaker.text and q.speaker.name and "Reyes" in q.speaker.name
    assert q.cue.text == "told" and q.addressee.text == "reporters" and q.medium is None


def test_curly_quote_introduced_by_colon(quotes):
    qs = quotes("The finance minister, Paul Okafor, said on Tuesday: \u201cPrices will fall next year.\u201d")
    q = one(qs, "Prices will fall")
    assert q.kind == "direct"
    assert "Okafor" in q.speaker.text
    assert q.cue.text == "said"


def test_quote_of_two_sentences_is_one_quote(quotes):
    qs = quotes("\u201cThe bridge is closed. Nobody may cross it,\u201d said police chief Omar Haddad.")
    direct = [q for q in qs if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].text.startswith("The bridge is closed.") and direct[0].text.endswith("cross it,")
    assert "Haddad" in direct[0].speaker.name


def test_quote_running_over_paragraphs(quotes):
    text = ("\u201cThe harvest failed in the north,\u201d farmer Lena Brook said. \u201cWe lost half the wheat.\n\n"
            "\u201cNext year we will plant earlier.\u201d\n\n"
            "The ministry has promised seed loans.")
    qs = quotes(text)
    q = one(qs, "We lost half the wheat")
    assert "Next year we will plant earlier." in q.text, "the second paragraph continues the quote"
    assert "ministry" not in q.text
    assert q.speaker is not None and "Brook" in q.speaker.name


def test_unclosed_quote_ends_with_its_paragraph(quotes):
    text = ("Trader Ivo Marsh said: \u201cThe market is nervous today.\n\n"
            "Shares in the port operator fell by a third on Monday.")
    qs = quotes(text)
    q = one(qs, "The market is nervous")
    assert "Shares" not in q.text


def test_he_added_takes_the_previous_speaker(quotes):
    text = ("\u201cOur budget is balanced,\u201d Governor Clara Venn told the assembly.\n\n"
            "\u201cWe will cut no school funding this year,\u201d she added.")
    qs = quotes(text)
    q = one(qs, "We will cut no school")
    assert q.speaker.text == "she"
    assert q.speaker.name and "Venn" in q.speaker.name
    assert q.cue.text == "added"


def test_partial_quote_inside_reported_speech(quotes):
    qs = quotes("Senator Maria Lopez said the new tax plan was \u201ca reckless gamble\u201d for the state.")
    q = one(qs, "a reckless gamble")
    assert q.kind == "partial"
    assert q.text == "a reckless gamble"
    assert "Lopez" in q.speaker.text


def test_indirect_speech_with_that(quotes):
    qs = quotes("The mining company said that its profits rose by five percent in the spring.")
    q = one(qs, "profits rose")
    assert q.kind == "indirect"
    assert q.text.startswith("its profits rose")
    assert q.speaker.text == "The mining company"
    assert q.cue.text == "said"


def test_according_to(quotes):
    qs = quotes("According to the health ministry, forty people were injured in the blast.")
    q = one(qs, "forty people were injured")
    assert q.kind == "indirect"
    assert q.speaker.text == "the health ministry"
    assert q.cue.text == "According to"


def test_told_reporters_indirect(quotes):
    qs = quotes("Coach Ben Ortiz told reporters the team would travel to Lisbon on Friday.")
    q = one(qs, "the team would travel")
    assert q.kind == "indirect"
    assert q.cue.text == "told" and q.addressee.text == "reporters"
    assert "Ortiz" in q.speaker.text


def test_heading_in_quotation_marks_is_not_a_statement(quotes):
    text = ("Farmers gathered in the square on Sunday.\n\n\u201cA Long Winter\u201d\n\n"
            "The cold lasted until April, the weather service said.")
    assert not [q for q in quotes(text) if "Long Winter" in q.text]


def test_scare_quotes_are_not_statements(quotes):
    qs = quotes("The so-called \u201cpeace tax\u201d was introduced in 2019 and doubled last year.")
    assert not [q for q in qs if "peace tax" in q.text]


def test_no_speaker_rather_than_a_wrong_one(quotes):
    text = ("Officials in Oslo met on Monday to plan the budget.\n\n"
            "\u201cEvery family deserves a warm home this winter.\u201d\n\n"
            "A sign with those words hung in the hall.")
    q = one(quotes(text), "Every family deserves")
    assert q.speaker is None


def test_user_cue_file_extends_the_lexicon(quotes, tmp_path):
    extra = tmp_path / "cues.tsv"
    extra.write_text("# my cues\nopine\tspeech\tccomp\tno\n", encoding="utf-8")
    text = "The columnist opined that the taxes were far too high."
    assert not [q for q in quotes(text) if "taxes" in q.text]
    q = one(quotes(text, config={"quotes": {"extra": [str(extra)]}}), "the taxes were far too high")
    assert q.cue.text == "opined"


def test_marks_pair_per_paragraph():
    text = 'He said "yes" twice.\n\n"Open and never closed\n\nNext paragraph.'
    regions = find_regions(text, paragraphs(text), "\u201c", "\u201d", '"')
    assert [text[r.start:r.end] for r in regions] == ["yes", "Open and never closed"]


def test_seed_article(analyse):
    from dateline.readers import read_paths

    inp = next(read_paths([str(need_shared(SEED))]))
    rec = analyse(inp.article.text, inp.article.date, stages=STAGES)
    qs = rec.quotes

    def by(fragment):
        return one(qs, fragment)

    for fragment in ("The Chinese people will join hands", "At present, the international situation",
                     "China is willing to continue"):
        q = by(fragment)
        assert q.kind == "direct" and q.speaker.name == "Hong Lei", (fragment, q.speaker)
    assert by("At present").speaker.text == "he" and by("At present").cue.text == "added"
    assert by("The Chinese people will join").cue.text == "told"
    assert by("The Chinese people will join").addressee.text == "reporters"
    for fragment in ("the strength", "the United States cannot bully them into submission"):
        q = by(fragment)
        assert q.kind == "partial" and q.speaker.name == "Chong Ja Ian"
        assert q.text == fragment
    assert by("the United States cannot").cue.text == "told"
    assert by("the United States cannot").addressee.text == "AFP"
    assert by("at the invitation of Comrade Xi Jinping").speaker.name == "Korean Central News Agency"
    for fragment in ("the traditional friendship", "firm position"):
        q = by(fragment)
        assert q.kind == "partial" and q.speaker.name == "Hong Lei"
    assert by("That may still unfold").speaker.name == "Dylan Loh"
    assert by("It will also further demonstrate").speaker.name == "Dylan Loh"
    assert by("some talk previously").kind == "partial"
    assert not [q for q in qs if q.text in ("Cannot Be Bullied", "Traditional Friendship")]
    # "both countries announced": a group of two actors, not one of them
    both = by("will attend a huge military parade")
    assert both.speaker.text == "both countries" and both.speaker.actor is None


def test_outer_cue_speaks_for_a_nested_one(quotes):
    qs = quotes("The treaty would show that \u201cthe alliance is still alive\u201d, analyst Rosa Tran told Reuters.")
    q = one(qs, "the alliance is still alive")
    assert q.kind == "partial"
    assert "Tran" in q.speaker.text and q.cue.text == "told" and q.addressee.text == "Reuters"



def test_sentence_with_a_speech_cue_introduces_a_lone_quote(quotes):
    text = "Economist Mara Feld agreed.\n\n\u201cThe rates will stay high for another year.\u201d"
    q = one(quotes(text), "The rates will stay high")
    assert q.speaker is not None and "Feld" in q.speaker.text


def test_narrative_between_quotes_stops_the_continuation(quotes):
    text = ("\u201cWe won the cup,\u201d coach Ana Ruiz said.\n\n"
            "The team flew home on Sunday after the final in Porto.\n\n"
            "\u201cNobody expected this from us.\u201d")
    assert one(quotes(text), "We won the cup").speaker.text == "coach Ana Ruiz"
    assert one(quotes(text), "Nobody expected this").speaker is None


def test_inverted_speaker_after_the_cue(quotes):
    q = one(quotes("\u201cPrices will rise again in May,\u201d said retail analyst Tom Berg."), "Prices will rise")
    assert q.speaker is not None and "Tom Berg" in q.speaker.text


def test_show_title_in_quotes_is_not_a_statement(quotes):
    text = "Governor Clara Venn appeared on \u201cMorning Report Weekly,\u201d the network\u2019s talk show, on Sunday."
    assert not [q for q in quotes(text) if "Morning Report" in q.text]


def test_headline_name_colon_claim(quotes):
    text = ("Senator Maria Lopez: New tax plan will hurt small farmers\n\n"
            "The senator spoke in Boise on Monday.")
    q = one(quotes(text), "New tax plan will hurt")
    assert q.kind == "indirect" and q.cue.text == ":"
    assert "Lopez" in q.speaker.text


def test_label_with_colon_is_no_attribution(quotes):
    text = "The senator spoke in Boise.\n\nEditor\u2019s Note: This story was updated on Monday with new figures."
    assert not [q for q in quotes(text) if "This story was updated" in q.text]


def test_parenthetical_cue_reports_its_sentence(quotes):
    q = one(quotes("The harvest, farmer Lena Brook says, will be the smallest in ten years."),
            "will be the smallest")
    assert q.kind == "indirect" and q.cue.text == "says"
    assert "Brook" in q.speaker.text


def test_partial_quote_under_a_stance_verb(quotes):
    q = one(quotes("Senator Maria Lopez blamed the drought law on \u201ccareless city planners.\u201d"),
            "careless city planners")
    assert q.kind == "partial" and "Lopez" in q.speaker.text and q.cue.text == "blamed"
    # stance verbs attribute quoted words only: no indirect speech from them by default
    assert not [x for x in quotes("Senator Maria Lopez blamed the drought law.") if x.kind == "indirect"]


def test_quote_owned_by_a_noun(quotes):
    text = ("Former minister Ruth Adler spoke in Haifa on Monday. Critics recalled her remark that "
            "\u201cno farm will close this year\u201d.")
    q = one(quotes(text), "no farm will close")
    assert q.kind == "partial" and q.speaker.text == "her" and q.cue.text == "remark"


def test_next_sentence_with_its_own_report_is_not_the_tail(quotes):
    text = ("Chapter president Luis Ortega told the Tribune: \u201cMost of our members are judges and students.\u201d "
            "He added that the group has three hundred members.")
    qs = quotes(text)
    q = one(qs, "Most of our members")
    assert q.kind == "direct" and "Ortega" in q.speaker.text
    assert one(qs, "the group has three hundred members").speaker.text == "He"


def test_verb_outside_the_lexicon_attributes_by_position(quotes):
    text = ("\u201cThis city will always stand,\u201d an angry Mayor Tom Ruiz retorted.\n\n"
            "When the mayor wrapped up \u2014 \u201cWe will rebuild!\u201d \u2014 the crowd cheered.")
    q = one(quotes(text), "This city will always stand")
    assert "Ruiz" in q.speaker.text and q.cue.text == "retorted"
    assert one(quotes(text), "We will rebuild").speaker is None  # the crowd did not say it


def test_medium_after_the_cue_is_not_the_speaker(quotes):
    q = one(quotes("\u201cThe show was a mess from start to finish,\u201d wrote critic Ana Bell on Twitter."),
            "The show was a mess")
    assert q.speaker is not None and "Bell" in q.speaker.text and "Twitter" not in q.speaker.text


def test_next_sentence_that_opens_its_own_quote_is_not_the_tail(quotes):
    text = ("Marsh replies to Ortiz with, \u201cWhy now? That was on my trip to Peru?\u201d "
            "Ortiz then writes back, \u201cYou look great.\u201d")
    qs = quotes(text)
    assert one(qs, "Why now").speaker.text == "Marsh"
    assert one(qs, "You look great").speaker.text == "Ortiz"


def test_cue_in_a_relative_clause_does_not_attribute_the_quote(quotes):
    text = ("Reporter Nadia Kerr wrote back to the senator, noting how odd the remark was from a "
            "mayor who promised new parks: \u201cYour plan spends millions on parking lots.\u201d")
    q = one(quotes(text), "Your plan spends millions")
    assert q.speaker is None or "mayor" not in q.speaker.text


def test_cue_next_to_the_quote_beats_one_beyond_another_quote(quotes):
    # the parser nests "joked" under "shouted" and takes "Diaz" for a modifier of "joked"
    text = ("When someone in the crowd shouted, \u201cTaxes,\u201d Diaz joked, again using a thick "
            "Texan accent, \u201cWell, brother! Come on up and pay them!\u201d")
    q = one(quotes(text), "Come on up and pay them")
    assert q.speaker is not None and q.speaker.text == "Diaz" and q.cue.text == "joked"


def test_pronoun_speaker_is_the_person_just_named_in_its_paragraph(quotes):
    text = ("Senator Laura Voss spoke in Ohio on Monday.\n\n"
            "Asked on Tuesday about the budget, Feld said \"I have not read the bill,\" he said.")
    q = one(quotes(text), "I have not read the bill")
    assert q.speaker.text == "he" and q.speaker.name == "Feld"


def test_dateline_before_a_dash_is_not_the_speaker(quotes):
    text = ("Boston (AFP) \u2013 Senator Ruth Adler has taken a swipe at her rival, saying that "
            "\u201creckless remarks\u201d do more harm than good.\n\n"
            "Mayor Tom Ruiz \u2014 who ran in 2012 \u2014 said that \u201cthe budget is a disgrace.\u201d")
    qs = quotes(text)
    assert one(qs, "reckless remarks").speaker.text == "Senator Ruth Adler"
    assert "Ruiz" in one(qs, "the budget is a disgrace").speaker.text
    qs = quotes("Trump Says He Will Win.\n\nPARIS (Reuters) - Donald Trump said he was unlikely to have good "
                "ties with the French president because the president cast him as \u201creckless and "
                "wrong\u201d for his plan.")
    assert one(qs, "reckless and wrong").speaker.text == "Donald Trump"
    qs = quotes("Jane Doe-Smith and Paul Ortiz argued that the plan was naive.")  # a hyphen, not a dash
    assert one(qs, "the plan was naive").speaker.text.startswith("Jane Doe-Smith")


@pytest.mark.parametrize("text, fragment, cue, addressee, medium", [
    ("Coach Ben Ortiz told reporters the team would travel to Lisbon on Friday.",
     "the team would travel", "told", "reporters", None),
    ("In a statement, the ministry said the talks would resume in March.",
     "the talks would resume", "said", None, "a statement"),
    ("\u201cIt is over,\u201d Senator Mara Lee wrote on Twitter.", "It is over", "wrote", None, "Twitter"),
    ("The minister said in an interview with CNN that the border would stay closed.",
     "the border would stay closed", "said", "CNN", "an interview"),
    ("\u201cWe are ready,\u201d the general told a news conference in Kyiv.", "We are ready", "told", None,
     "a news conference"),
    ("\u201cNo deal,\u201d she said to supporters at a rally in Ohio.", "No deal", "said", "supporters", "a rally"),
    ("The president warned Iran that it would pay a price.", "it would pay a price", "warned", "Iran", None),
    # the setting hung on a reported object is the medium, not what was announced
    ("Minister Ana Ruiz announced the plan at a press conference on Thursday.", "the plan", "announced",
     None, "a press conference"),
    # a newspaper's name is whom it was told to, though "post" can name a medium
    ("\u201cThe bridge will open,\u201d the engineer told the Daily Post.", "The bridge will open", "told",
     "the Daily Post", None),
    # what was told is not whom it was told to
    ("Mayor Ana Ruiz tells one joke at every stop: \u201cThe roads are so bad that the potholes have "
     "potholes.\u201d", "The roads are so bad", "tells", None, None),
    # a time or a place after the cue is neither
    ("The mayor said on Monday in Denver that prices would fall.", "prices would fall", "said", None, None),
])
def test_addressee_and_medium_apart_from_the_cue(quotes, text, fragment, cue, addressee, medium):
    q = one(quotes(text), fragment)
    assert q.cue.text == cue
    assert (q.addressee.text if q.addressee else None) == addressee
    assert (q.medium.text if q.medium else None) == medium


def test_indirect_speech_ending_on_a_partial_quote_keeps_its_closing_mark(quotes):
    qs = quotes("Hong told AFP that the visit was \u201chistoric\u201d.")
    q = next(q for q in qs if q.kind == "indirect")
    assert q.text == "the visit was \u201chistoric\u201d"


def test_person_named_in_reported_speech_does_not_interrupt_the_speaker(quotes):
    # Obama is named twice in what Reed recalled, not in the narration: "he" is still Reed
    text = ("\u201cWe will win,\u201d Senator Dan Brooks said.\n\n"
            "Tom Reed, a radio host in Denver, recalled that Barack Obama was mocked in Iowa and that "
            "Obama was dismissed by his rivals.\n\n"
            "\u201cNobody took him seriously,\u201d he said.\n")
    q = one(quotes(text), "Nobody took him")
    assert q.speaker.text == "he" and q.speaker.name == "Tom Reed"


def test_nested_cue_that_introduces_the_quote_with_a_name_keeps_it(quotes):
    # Lee's cue reports the whole sentence, but Smith's cue introduces the quoted words
    text = ("When Clara Lee noted that Smith had paid no tax \u2015 as was true for the years his returns "
            "were made public \u2015 Smith boasted, \u201cThat makes me smart.\u201d\n")
    q = one(quotes(text), "That makes me smart")
    assert q.speaker.text == "Smith"


def test_short_tail_sentence_after_an_open_quote_names_its_speaker(quotes):
    # the parser splits '“...?” Name verbed.' in two; the verb need not be in the cue lexicon
    text = ("\u201cThe budget is balanced,\u201d Mayor Tom Hale said.\n\n"
            "\u201cWhy then are the schools closing?\u201d Senator Ana Ruiz wondered aloud.\n")
    q = one(quotes(text), "Why then are the schools")
    assert q.speaker is not None and q.speaker.name == "Ana Ruiz"


def test_next_sentence_with_an_object_of_its_own_is_not_the_tail(quotes):
    # "He demands safeguards" reports a demand of its own: it does not attribute the quote before it
    text = ("Ana Ruiz, the agency head, reacted coolly to the deal, \u201cI am worried about any plan "
            "that sends people back.\u201d He demands legal safeguards for everyone.\n")
    q = one(quotes(text), "I am worried")
    assert q.speaker is None or "Ruiz" in (q.speaker.name or "")
