"""Resolving speaker mentions: surnames, pronouns, role nouns, descriptions and kinds."""

from __future__ import annotations

import pytest
from conftest import quote_at, speaker_named

from newsquotes import extract
from newsquotes.pipeline import default_pipeline


@pytest.fixture(scope="module", autouse=True)
def _load_model() -> None:
    default_pipeline()


def test_surname_resolves_to_full_name() -> None:
    q1 = '"The bridge will be finished before the winter,"'
    q2 = '"We have the money and we have the workers,"'
    text = (
        f"{q1} said Jana Novak, the mayor of Velmora.\n\n"
        "The old bridge was closed in March after a lorry struck one of its pillars.\n\n"
        f"{q2} Novak said."
    )
    article = extract(text)
    first, second = quote_at(article, q1), quote_at(article, q2)
    assert second.speaker is not None and second.speaker.text == "Novak"
    assert first.speaker_name == second.speaker_name == "Jana Novak"
    assert first.speaker_id == second.speaker_id is not None
    jana = speaker_named(article, "Jana Novak")
    assert jana.kind == "person"
    assert "Novak" in jana.aliases
    assert len(article.speakers) == 1


def test_pronouns_resolve_to_the_right_person() -> None:
    q1 = '"The school must stay open,"'
    q2 = '"Forty children depend on it every single day,"'
    q3 = '"The council cannot pay for a building with nine pupils in it,"'
    q4 = '"We will bus them to Orley instead,"'
    text = (
        f"{q1} said Ada Finch, the head teacher.\n\n"
        f"{q2} she said.\n\n"
        f"{q3} said Tomas Brenner, the council treasurer.\n\n"
        f"{q4} he said."
    )
    article = extract(text)
    assert quote_at(article, q1).speaker_name == "Ada Finch"
    she = quote_at(article, q2)
    assert she.speaker is not None and she.speaker.text == "she"
    assert she.speaker_name == "Ada Finch"
    assert quote_at(article, q3).speaker_name == "Tomas Brenner"
    he = quote_at(article, q4)
    assert he.speaker is not None and he.speaker.text == "he"
    assert he.speaker_name == "Tomas Brenner"
    assert she.speaker_id == quote_at(article, q1).speaker_id
    assert he.speaker_id == quote_at(article, q3).speaker_id
    assert she.speaker_id != he.speaker_id


def test_role_noun_resolves_to_person_introduced_earlier() -> None:
    q1 = '"The islands have been forgotten by the capital for decades,"'
    q2 = '"Nobody in Norvik even knows how many people live there,"'
    text = (
        f"{q1} said Lena Vasko, an analyst at the Harbor Policy Institute in Oslo.\n\n"
        "The islands lost their last ferry service in 2019.\n\n"
        f"{q2} the analyst said."
    )
    article = extract(text)
    second = quote_at(article, q2)
    assert second.speaker is not None and second.speaker.text == "the analyst"
    assert second.speaker_name == "Lena Vasko"
    assert second.speaker_id == quote_at(article, q1).speaker_id
    assert len(article.speakers) == 1


def test_roles_and_organizations_from_appositive() -> None:
    q1 = '"The islands have been forgotten by the capital for decades,"'
    text = f"{q1} said Lena Vasko, an analyst at the Harbor Policy Institute in Oslo."
    article = extract(text)
    lena = speaker_named(article, "Lena Vasko")
    assert lena.kind == "person"
    assert "analyst" in lena.roles
    assert "Harbor Policy Institute" in lena.organizations
    assert lena.description is not None and "analyst" in lena.description


def test_pre_modifier_joins_the_same_speaker() -> None:
    q1 = '"The islands have been forgotten by the capital for decades,"'
    indirect = "the government had no plan for the northern ferries"
    text = (
        f"{q1} said Lena Vasko, an analyst at the Harbor Policy Institute in Oslo.\n\n"
        "The islands lost their last ferry service in 2019.\n\n"
        f"Harbor analyst Vasko said {indirect}."
    )
    article = extract(text)
    second = quote_at(article, indirect)
    assert second.speaker is not None and "Vasko" in second.speaker.text
    assert second.speaker_name == "Lena Vasko"
    assert second.speaker_id == quote_at(article, q1).speaker_id
    assert len(article.speakers) == 1
    assert "analyst" in speaker_named(article, "Lena Vasko").roles


def test_one_speaker_record_per_person_with_all_quotes() -> None:
    q1 = '"We lost the cannery first,"'
    q2 = '"Then the ferry went, and the doctor left after that,"'
    q3 = '"The council is not listening,"'
    q4 = "the town would take the council to court over the school closure"
    text = (
        f"{q1} said Ellis Marr, a fisherman in Penwick.\n\n"
        f"{q2} Marr said.\n\n"
        f"{q3} said Ada Finch, the head teacher.\n\n"
        f"Marr said {q4}."
    )
    article = extract(text)
    ids = {quote_at(article, part).speaker_id for part in (q1, q2, q4)}
    assert len(ids) == 1 and None not in ids
    marr = speaker_named(article, "Ellis Marr")
    assert ids == {marr.id}
    finch = speaker_named(article, "Ada Finch")
    assert quote_at(article, q3).speaker_id == finch.id
    assert len(article.speakers) == 2
    assert len({s.id for s in article.speakers}) == 2
    for q in article.quotes:
        assert q.speaker_id is None or article.speaker(q.speaker_id) is not None


def test_group_speaker() -> None:
    content = "the closure of the cannery will empty the town within ten years"
    text = f"Analysts say {content}."
    article = extract(text)
    q = quote_at(article, content)
    assert q.speaker_name is not None and q.speaker_name.startswith("Analysts")
    speaker = article.speaker(q.speaker_id)
    assert speaker is not None
    assert speaker.kind == "group"


def test_organization_speaker() -> None:
    content = "the ferry to Skarvik would resume on the first of May"
    text = f"The Ministry of Transport said {content}."
    article = extract(text)
    q = quote_at(article, content)
    assert q.speaker_name is not None and "Ministry of Transport" in q.speaker_name
    speaker = article.speaker(q.speaker_id)
    assert speaker is not None
    assert speaker.kind == "organization"


def test_person_kind() -> None:
    text = '"We will rebuild the pier,"  said Ingrid Holm, a nurse in Skarvik.'
    article = extract(text)
    assert [s.kind for s in article.speakers] == ["person"]
    assert article.speakers[0].name == "Ingrid Holm"
    assert "nurse" in article.speakers[0].roles


def test_a_role_whose_appositive_names_the_person_resolves_to_that_person() -> None:
    text = (
        "The harbour master, Ilse Varga, warned that storms could delay the work. "
        "The harbour master said crews would start in May."
    )
    article = extract(text)
    assert [q.speaker_name for q in article.quotes] == ["Ilse Varga", "Ilse Varga"]
    (varga,) = article.speakers
    assert varga.kind == "person"
    assert "harbour master" in varga.roles


def test_transcript_turns_in_capitals_resolve_to_the_people_named_before() -> None:
    text = (
        "Valley Radio host Marta Quill spoke to Governor Ivo Stenberg.\n\n"
        "QUILL: Will the bridge open before the winter comes?\n\n"
        "STENBERG: It will open in October, and it will stay open."
    )
    article = extract(text)
    assert [q.speaker_name for q in article.quotes] == ["Marta Quill", "Ivo Stenberg"]
    assert [q.cue.text for q in article.quotes if q.cue] == [":", ":"]


def test_an_unnamed_speaker_is_named_by_its_head_phrase() -> None:
    text = (
        "The Nordic carmaker, which has bet heavily on batteries, said the new wagon "
        "will go 500 kilometres on one charge."
    )
    (quote,) = extract(text).quotes
    assert quote.speaker is not None and quote.speaker.text.startswith("The Nordic carmaker")
    assert quote.speaker_name == "Nordic carmaker"


def test_a_report_inside_a_reported_clause_is_credited_to_the_outer_speaker() -> None:
    from newsquotes.model import Article
    from newsquotes.pipeline import Pipeline
    from newsquotes.quotes.settings import EngineSettings

    inner = '"The harbour has been left to rot."'
    text = f'Ada Finch said Mayor Ivo Sand had been "plainly right" when he told reporters, {inner}'
    article = extract(text)
    quote = quote_at(article, inner)
    assert quote.speaker_name == "Ada Finch"
    assert quote.text.startswith("Mayor Ivo Sand had been")
    assert [q.speaker_name for q in article.quotes] == ["Ada Finch"]
    inner_only = Pipeline(settings=EngineSettings(nested_reports_outer=False)).process(
        Article(id="nested", text=text)
    )
    assert [(q.text, q.speaker_name) for q in inner_only.quotes] == [(inner, "Ivo Sand")]


def test_words_the_same_speaker_adds_inside_a_report_stay_a_report_of_their_own() -> None:
    text = 'Ellis Marr said that the pier, which he added "is a danger to children," must close.'
    article = extract(text)
    added = quote_at(article, '"is a danger to children,"')
    assert added.cue is not None and added.cue.text == "added"
    assert added.speaker_name == "Ellis Marr"


def test_a_judged_report_may_hold_a_reporting_verb_of_its_own() -> None:
    from newsquotes.model import Article
    from newsquotes.pipeline import Pipeline
    from newsquotes.quotes.settings import EngineSettings

    text = "The poll also finds that Finch maintains a variety of advantages over Sand."
    article = extract(text)
    assert [(q.text, q.cue.text if q.cue else None, q.speaker_name) for q in article.quotes] == [
        ("that Finch maintains a variety of advantages over Sand", "also finds", "poll")
    ]
    blocked = Pipeline(settings=EngineSettings(nested_reports_outer=False)).process(
        Article(id="nested-model", text=text)
    )
    assert blocked.quotes == []


def test_they_after_people_as_the_object_is_not_the_organisation() -> None:
    from newsquotes.model import Article
    from newsquotes.pipeline import Pipeline, build_nlp

    text = (
        "The Harwick campaign praised the union leaders because they said the pier must stay open."
    )
    report = quote_at(extract(text), "the pier must stay open")
    assert report.speaker is not None and report.speaker.text == "they"
    assert report.speaker_name != "Harwick campaign"
    assert report.resolved_by == "unresolved"
    told = quote_at(
        extract("The Harwick campaign told reporters they would release the figures."),
        "they would release the figures",
    )
    assert told.speaker_name == "Harwick campaign"
    nlp = build_nlp()
    nlp.remove_pipe("newsquotes")
    nlp.add_pipe("newsquotes", config={"object_people_antecedent": False})
    before = Pipeline(nlp).process(Article(id="they", text=text))
    assert quote_at(before, "the pier must stay open").speaker_name == "Harwick campaign"


def test_the_noun_of_an_absolute_phrase_speaks_through_its_participle() -> None:
    from newsquotes.model import Article
    from newsquotes.pipeline import Pipeline
    from newsquotes.quotes.settings import EngineSettings

    text = (
        "Senate leaders Tom Ashby and Ruth Kell remain confident despite a few early "
        "supporters of the bill, such as Sen. Bob Carrow, R-Utah, and Lena Grath, R-Iowa, "
        "now saying they think it should be changed."
    )
    said = quote_at(extract(text), "they think it should be changed")
    assert said.speaker is not None
    assert said.speaker.text.startswith("a few early supporters of the bill")
    assert said.speaker_name != "Tom Ashby and Ruth Kell"
    plain = Pipeline(settings=EngineSettings(absolute_phrases=False)).process(
        Article(id="absolute", text=text)
    )
    assert quote_at(plain, "they think it").speaker_name == "Tom Ashby and Ruth Kell"
    met = extract("Mayor Ada Finch met with dock workers on Monday, saying the pier would stay.")
    assert quote_at(met, "the pier would stay").speaker_name == "Ada Finch"


def test_a_finite_cue_left_without_a_subject_takes_the_name_before_it() -> None:
    from newsquotes.model import Article
    from newsquotes.pipeline import Pipeline
    from newsquotes.quotes.settings import EngineSettings

    text = (
        "The council's worst failure has been over Tarvia, with Norland backing the "
        "government as Velmora and Ostland insist that the rebels deserve help."
    )
    said = quote_at(extract(text), "the rebels deserve help")
    assert said.speaker is not None and said.speaker.text == "Velmora and Ostland"
    plain = Pipeline(settings=EngineSettings(stranded_subjects=False)).process(
        Article(id="stranded", text=text)
    )
    assert quote_at(plain, "the rebels deserve help").speaker.text.startswith("The council")


def test_someone_like_one_named_person_is_that_person() -> None:
    from newsquotes.model import Article
    from newsquotes.pipeline import Pipeline, build_nlp

    text = (
        "Tom Dahl, a coal investor from Velmora, bought the Harwick mine in May.\n\n"
        "Why then, would someone like Mr. Dahl want to take over a troubled mine? "
        "Mr. Dahl said the deal had played to his advantage."
    )
    wanted = quote_at(extract(text), "to take over a troubled mine")
    assert wanted.speaker_name == "Tom Dahl"
    nlp = build_nlp()
    nlp.remove_pipe("newsquotes")
    nlp.add_pipe("newsquotes", config={"someone_like": False})
    before = Pipeline(nlp).process(Article(id="like", text=text))
    assert quote_at(before, "to take over a troubled mine").speaker_name is None
    alone = extract("Someone said the pier would close.")
    assert quote_at(alone, "the pier would close").speaker_name is None


def test_a_paragraph_after_a_cue_and_colon_is_a_block_quotation() -> None:
    from newsquotes.model import Article
    from newsquotes.pipeline import Pipeline
    from newsquotes.quotes.settings import EngineSettings

    text = (
        "Governor Tom Brask, who has campaigned for Ada Finch, blasted Rita Holm on "
        "Wednesday.\n\n"
        "The governor added:\n\n"
        "It's typical of Rita Holm. She knows nothing, but the mouth never stops.\n\n"
        "Holm did not respond."
    )
    block = quote_at(extract(text), "It's typical of Rita Holm")
    assert block.via == "block" and block.speaker_name == "Tom Brask"
    assert block.text.endswith("the mouth never stops.")
    plain = Pipeline(settings=EngineSettings(colon_blocks=False)).process(
        Article(id="block", text=text)
    )
    assert not any(q.text.startswith("It's typical") for q in plain.quotes)
    noted = extract(
        "The Velmora Courier also noted the sparse attendance:\n\n"
        "Even the mayor, Ada Finch, left the rally early."
    )
    assert not any(q.via == "block" for q in noted.quotes)


def test_by_after_a_verb_with_its_own_subject_is_no_agent() -> None:
    """``Mayor Lind ... said by telephone``: the subject speaks; ``by telephone`` is a means."""
    text = '"We have the votes," Mayor Lind, who defeated Okafor in 2019, said by telephone.'
    quote = quote_at(extract(text), "We have the votes")
    assert quote.speaker_name == "Lind"


def test_a_name_after_an_abbreviated_title_speaks() -> None:
    """``said Sgt. Ilse Vik``: the parser takes ``Sgt`` for the subject; the name speaks."""
    captain = extract('"It was a mistake," said Capt. Ilse Vik of the Harwick Coast Guard.')
    assert quote_at(captain, "It was a mistake").speaker.text.startswith("Ilse Vik")
    for title in ("Sgt.", "Sgt. Maj."):
        text = f'"The vote is fixed," said {title} Ilse Vik. "We all know it."'
        quote = quote_at(extract(text), "The vote is fixed")
        assert quote.speaker is not None and quote.speaker.text == "Ilse Vik"
        assert quote.speaker_name == "Ilse Vik"


def test_a_participle_after_a_finished_report_speaks_for_the_reporter() -> None:
    """``Lind said the ferry would run on time, claiming ...``: the parser hangs ``claiming``
    on ``run``; the ferry claims nothing. A relative clause's report or a speech verb with
    its own subject in between keeps its own speaker."""
    article = extract("Lind said the ferry would run on time, claiming the crew was ready.")
    assert quote_at(article, "the crew was ready").speaker_name == "Lind"
    other = extract(
        "Lind said the ferry would run on time, but Okafor claimed the crew was not ready."
    )
    assert quote_at(other, "the crew was not ready").speaker_name == "Okafor"


def test_a_named_report_after_a_cue_and_colon_is_no_block() -> None:
    """``She added:`` ¶ ``Okafor, who ..., said ...``: the paragraph is narration of
    Okafor's report, not words of the colon's speaker."""
    text = (
        "Petra Lind told the council on Tuesday that the ferry would run. She added:\n\n"
        "Okafor, who chairs the budget committee, said the figures did not add up."
    )
    quote = quote_at(extract(text), "the figures did not add up")
    assert quote.via != "block" and quote.speaker_name == "Okafor"


def test_a_comma_the_tagger_took_into_a_name_is_not_part_of_it() -> None:
    """``said Okafor, Lind's deputy``: the tagger makes ``Okafor,`` an organisation."""
    text = '"We are done," said Okafor, Lind\'s deputy, on Monday.'
    assert quote_at(extract(text), "We are done").speaker_name == "Okafor"
