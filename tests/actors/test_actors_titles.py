"""A definite title ("the Vermont senator") joins the one named person it describes; coordinated
names keep their own titles."""

from __future__ import annotations

from conftest import find_actor as find

DATE = "2016-02-01"  # the date the texts below are written for


def texts(actor):
    return [m.text for m in actor.mentions]


def test_definite_title_joins_the_person_given_that_title(run_actors):
    rec = run_actors("Sen. Mark Ellison spoke to farmers in Iowa on Monday.\n\n"
              "The crowd cheered for several minutes.\n\n"
              "\u201cWe will win this state,\u201d the Vermont senator said.")
    a = find(rec, "Mark Ellison")
    assert "the Vermont senator" in texts(a)
    assert a.sector == "LEG"
    assert len([x for x in rec.actors if x.sector == "LEG"]) == 1


def test_appositive_title_counts_as_known_title(run_actors):
    rec = run_actors("Mark Ellison, a senator from Vermont, spoke in Iowa on Monday.\n\n"
              "\u201cWe will win,\u201d the senator said.")
    assert "the senator" in texts(find(rec, "Mark Ellison"))


def test_abbreviated_title_and_head_noun(run_actors):
    rec = run_actors("Gov. Tom Baker of Ohio and Sen. Ana Ruiz held rallies on Sunday.\n\n"
              "The Ohio governor said he was confident.")
    assert "The Ohio governor" in texts(find(rec, "Tom Baker"))
    assert "The Ohio governor" not in texts(find(rec, "Ana Ruiz"))


def test_former_title(run_actors):
    rec = run_actors("Former Secretary of State Helen Marsh met voters in Ohio.\n\n"
              "The former secretary of state said she would fight on.")
    assert "The former secretary of state" in texts(find(rec, "Helen Marsh"))


def test_two_candidates_no_link(run_actors):
    rec = run_actors("Senator Mark Ellison and Senator Tom Baker voted against the bill.\n\n"
              "The senator said the bill was flawed.")
    assert "The senator" not in texts(find(rec, "Mark Ellison"))
    assert "The senator" not in texts(find(rec, "Tom Baker"))
    assert find(rec, "The senator").name == "The senator"


def test_person_without_a_known_title_is_no_candidate(run_actors):
    rec = run_actors("Mark Ellison spoke to farmers in Iowa on Monday.\n\n"
              "\u201cWe will win,\u201d the senator said.")
    assert "the senator" not in texts(find(rec, "Mark Ellison"))


def test_nearest_paragraphs_first(run_actors):
    rec = run_actors("Gov. Tom Baker opened the session.\n\nLawmakers argued all day.\n\nThe vote was delayed.\n\n"
              "Gov. Ana Ruiz of the neighbouring state sent a letter.\n\n"
              "The governor said the delay was regrettable.")
    assert "The governor" in texts(find(rec, "Ana Ruiz"))
    assert "The governor" not in texts(find(rec, "Tom Baker"))


def test_one_holder_further_back(run_actors):
    rec = run_actors("Gov. Tom Baker opened the session.\n\nLawmakers argued all day.\n\nThe vote was delayed.\n\n"
              "Critics called it a failure.\n\nThe governor said the delay was regrettable.")
    assert "The governor" in texts(find(rec, "Tom Baker"))


def test_title_of_another_country_is_not_linked(run_actors):
    rec = run_actors("Chinese President Xi Jinping arrived on Monday.\n\nThe French president said talks would follow.")
    assert "The French president" not in texts(find(rec, "Xi Jinping"))


def test_quote_speaker_follows_the_title(run_actors):
    rec = run_actors("Sen. Mark Ellison spoke to farmers in Iowa on Monday.\n\n"
              "\u201cWe will win this state,\u201d the Vermont senator said.", stages=("actors", "quotes"))
    q = next(q for q in rec.quotes if "win this state" in q.text)
    assert q.speaker.text == "the Vermont senator"
    assert q.speaker.name == "Mark Ellison"


def test_coordinated_names_keep_their_own_titles(run_actors):
    rec = run_actors("The rally was led by billionaire businessman Donald Trump and Texas Sen. Ted Cruz on Friday.")
    trump, cruz = find(rec, "Donald Trump"), find(rec, "Ted Cruz")
    assert trump is not cruz
    assert texts(trump) == ["billionaire businessman Donald Trump"]
    assert texts(cruz) == ["Texas Sen. Ted Cruz"]
    assert trump.sector == "BUS" and cruz.sector == "LEG"
    assert len(rec.actors) == 2


def test_coordinated_offices(run_actors):
    rec = run_actors("President Xi Jinping and Prime Minister Narendra Modi met in Delhi.")
    xi, modi = find(rec, "Xi Jinping"), find(rec, "Narendra Modi")
    assert (xi.country, xi.sector, xi.role) == ("CHN", "GOV", "President")
    assert (modi.country, modi.sector, modi.role) == ("IND", "GOV", "Prime Minister")


def test_subject_acting_on_a_conditional_clause_gives_no_country(run_actors):
    rec = run_actors("Nigeria announced that it will recall its engineers from Chad unless President Omar Dallo "
              "signs the agreement within a month.")
    a = find(rec, "Omar Dallo")
    assert a.country is None and a.sector == "GOV"


def test_single_country_sentence_still_codes_its_office_holder(run_actors):
    rec = run_actors("Foreign Minister Omar Dallo said Chad would sign the agreement.")
    assert find(rec, "Omar Dallo").country == "TCD"


def test_bare_title_is_no_description(run_actors):
    rec = run_actors("Sen. Mark Ellison took questions from reporters.\n\n\u201cVery good senator,\u201d a voter said.")
    assert "Very good senator" not in texts(find(rec, "Mark Ellison"))


def test_possessive_title_with_its_own_name_is_not_linked(run_actors):
    rec = run_actors("Defense Secretary Ash Morton met troops on Monday.\n\n"
              "Morton\u2019s press secretary, Peter Lane, said the visit went well.")
    lane = find(rec, "Peter Lane")
    assert "press secretary" in " ".join(texts(lane))
    assert lane is not find(rec, "Ash Morton")


def test_named_holder_before_an_unnamed_one(run_actors):
    rec = run_actors("A federal judge in Ohio first heard the case.\n\nJudge Ann Marsh then took it over.\n\n"
              "The judge said the trial would start in May.")
    assert "The judge" in texts(find(rec, "Ann Marsh"))


def test_unnamed_title_joins_the_earlier_unnamed_holder(run_actors):
    rec = run_actors("A governor said on Monday that the budget was late.\n\nThe governor added that talks would resume.")
    a = find(rec, "A governor")
    assert "The governor" in texts(a)


def test_age_description_joins_the_person_of_that_age(run_actors):
    rec = run_actors("Mark Ellison, 74, spoke to farmers on Monday.\n\nThe 74-year-old said he would run again.")
    assert "The 74-year-old" in texts(find(rec, "Mark Ellison"))
    rec = run_actors("The rally drew 74-year-old Sen. Mark Ellison and Gov. Ana Ruiz, 52.\n\n"
              "The 52-year-old said she would run again.")
    assert "The 52-year-old" in texts(find(rec, "Ana Ruiz"))


def test_age_description_without_a_known_age_or_with_two_is_not_linked(run_actors):
    rec = run_actors("Mark Ellison, 74, and Tom Baker spoke on Monday.\n\nThe 52-year-old said he would run again.")
    assert all("The 52-year-old" not in texts(a) for a in rec.actors)
    rec = run_actors("Mark Ellison, 74, and Tom Baker, 74, spoke on Monday.\n\nThe 74-year-old said he would run again.")
    assert all("The 74-year-old" not in texts(a) for a in rec.actors)


def test_place_in_the_title_must_agree(run_actors):
    rec = run_actors("Florida Sen. Tom Baker spoke on Monday.\n\n\u201cWe will win,\u201d the Vermont senator said.")
    assert "the Vermont senator" not in texts(find(rec, "Tom Baker"))
    rec = run_actors("Florida Sen. Tom Baker spoke on Monday.\n\n\u201cWe will win,\u201d the Florida senator said.")
    assert "the Florida senator" in texts(find(rec, "Tom Baker"))
