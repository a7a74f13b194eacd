"""Pronoun and surname coreference: the person just named as a clause's subject, surnames the
small model mistags, and role-only actors. Sentences written for the purpose."""

from __future__ import annotations

from conftest import find_actor as find

DATE = "2016-05-02"  # the date the texts below are written for


def who(rec, phrase, nth=0):
    a = find(rec, phrase, nth)
    return a.name if a else None


def test_she_after_a_new_speaker_is_that_speaker(run_actors):
    rec = run_actors("Senator Mary Hollis spoke first. \"We will win,\" she said on Monday.\n\n"
              "Later, Representative Joan Derwent said the plan had failed. \"It is a mess,\" she said.")
    assert who(rec, "she", 0) == "Mary Hollis"
    assert who(rec, "she said", 1) == "Joan Derwent"


def test_he_after_a_subject_of_another_verb_is_that_subject(run_actors):
    rec = run_actors("Governor Peter Arkwright criticised the plan. \"It will not work,\" he said.\n\n"
              "Campaign manager Tom Pellham fired back on Twitter. \"The governor is wrong,\" he wrote.")
    assert who(rec, " he said") == "Peter Arkwright"
    assert who(rec, "he wrote") == "Tom Pellham"


def test_subject_of_a_reported_clause_does_not_take_the_pronoun(run_actors):
    rec = run_actors("Mayor Linda Corrigan said that Paula Brandt had resigned. \"It was expected,\" she added.")
    assert who(rec, "she added") == "Linda Corrigan"


def test_subject_in_an_earlier_paragraph_does_not_outrank_the_speaker(run_actors):
    rec = run_actors("Officer Dan Kettle arrived late.\n\n"
              "\"We saw nothing,\" Sheriff Ray Boland said. \"Nothing at all,\" he added.")
    assert who(rec, "he added") == "Ray Boland"


def test_surname_tagged_as_a_plural_noun_is_the_person(run_actors):
    rec = run_actors("Paul Mills, a lawyer for the company, said the deal was fair. Mills added that the board agreed.")
    assert who(rec, "Mills", 1) == "Paul Mills"


def test_role_only_actor_keeps_the_role_as_name_and_role(run_actors):
    rec = run_actors("A governor said the budget was late.")
    a = find(rec, "A governor")
    assert a.role == "A governor" and a.sector == "GOV"


def test_role_does_not_replace_a_given_name(run_actors):
    rec = run_actors("Judge Ellen Marsh rejected the motion. The judge said the case would go on.")
    a = find(rec, "The judge")
    assert a.name == "Ellen Marsh" and a.sector == "JUD"
