"""Who a description (``the senator``, ``the GOP nominee``, ``the bank``) stands for: each rule
on a small invented article, and the cases where it must stay unnamed."""

from __future__ import annotations

import pytest
from conftest import quote_at, speaker_of

from newsquotes import extract
from newsquotes.model import Article
from newsquotes.pipeline import build_nlp, default_pipeline
from newsquotes.resolve.cast import Person
from newsquotes.resolve.descriptions import documents_of, party_and_state, without_short_forms
from newsquotes.resolve.speakers import ResolutionSettings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def _load_model() -> None:
    default_pipeline()


def said_by(article: Article, part: str) -> tuple[str | None, str, str]:
    """(speaker name, speaker kind, resolved_by) of the quote covering ``part``."""
    quote = quote_at(article, part)
    kind = speaker_of(article, quote).kind if quote.speaker_id else "none"
    return quote.speaker_name, kind, quote.resolved_by


def test_a_party_member_is_the_one_person_called_one() -> None:
    text = (
        "Republican Tomas Brenner and Ana Ruiz, the mayor, toured the harbour on Monday.\n\n"
        "The old cranes were sold for scrap last year.\n\n"
        "The Republican said the port would need a new pier."
    )
    assert said_by(extract(text), "the port would need") == (
        "Tomas Brenner",
        "person",
        "description",
    )


def test_a_party_member_two_people_fit_stays_unnamed() -> None:
    text = (
        "Republicans Tomas Brenner and Jonas Eberle toured the harbour on Monday.\n\n"
        "The old cranes were sold for scrap last year.\n\n"
        "The Republican said the port would need a new pier."
    )
    name, kind, _how = said_by(extract(text), "the port would need")
    assert kind == "unnamed"
    assert name not in ("Tomas Brenner", "Jonas Eberle")


def test_a_stand_in_role_is_the_person_the_passage_is_about() -> None:
    # Nobody is introduced as a nominee: the description stands for the last paragraph's
    # subject, the way a news story writes "Tomas Brenner says ... The Liberal nominee noted".
    text = (
        "Pavel Dorn says the ferry tax will be scrapped.\n\n"
        "The Liberal nominee noted on Friday that the ferries had lost money for a decade."
    )
    assert said_by(extract(text), "the ferries had lost money") == (
        "Pavel Dorn",
        "person",
        "description",
    )


def test_a_stand_in_role_with_two_subjects_in_the_passage_stays_unnamed() -> None:
    text = (
        "Pavel Dorn says the ferry tax will be scrapped. Jonas Eberle wants it doubled.\n\n"
        "The Liberal nominee noted on Friday that the ferries had lost money for a decade."
    )
    name, kind, _how = said_by(extract(text), "the ferries had lost money")
    assert kind == "unnamed"
    assert name not in ("Pavel Dorn", "Jonas Eberle")


def test_a_quotations_own_sentences_do_not_use_up_the_passage() -> None:
    # three quoted sentences stand between Dorn and the description: the passage is still his
    text = (
        "Pavel Dorn says the ferry tax will be scrapped, and he told the harbour board why on "
        "Monday: “The ferries lose money. The tax is too high. The port needs a new pier.”\n\n"
        "The Liberal nominee added on Friday that the ferries had lost money for a decade."
    )
    assert said_by(extract(text), "the ferries had lost money") == (
        "Pavel Dorn",
        "person",
        "description",
    )


def test_a_persons_campaign_as_the_subject_makes_the_passage_theirs() -> None:
    campaign = (
        "Pavel Dorn's campaign said on Monday that the ferry tax will be scrapped.\n\n"
        "The Liberal nominee added on Friday that the ferries had lost money for a decade."
    )
    assert said_by(extract(campaign), "the ferries had lost money")[0] == "Pavel Dorn"
    # a lawyer is someone else's, not the person's own campaign: no one is the nominee
    lawyer = campaign.replace("campaign", "lawyer")
    name, kind, _how = said_by(extract(lawyer), "the ferries had lost money")
    assert (name, kind) != ("Pavel Dorn", "person")
    assert kind == "unnamed"


def test_past_a_quotation_the_passage_ends_at_someone_else_named() -> None:
    # Olsen is named between Dorn's quotation and the description: it is not surely Dorn's
    text = (
        "Pavel Dorn says the ferry tax will be scrapped, and he told the harbour board why on "
        "Monday: “The ferries lose money. The tax is too high. The port needs a new pier.”\n\n"
        "Some captains blamed Mara Olsen for the losses.\n\n"
        "The Liberal nominee added on Friday that the ferries had lost money for a decade."
    )
    name, kind, _how = said_by(extract(text), "the ferries had lost money")
    assert kind == "unnamed"
    assert name != "Pavel Dorn"


def test_a_stand_in_role_agrees_in_sex() -> None:
    text = (
        "Pavel Dorn says the ferry tax will be scrapped.\n\n"
        "The congresswoman noted on Friday that the ferries had lost money for a decade."
    )
    name, kind, _how = said_by(extract(text), "the ferries had lost money")
    assert kind == "unnamed"
    assert name != "Pavel Dorn"


def test_a_stand_in_role_is_not_someone_who_holds_another_position() -> None:
    text = (
        "Governor Pavel Dorn says the ferry tax will be scrapped.\n\n"
        "The senator noted on Friday that the ferries had lost money for a decade."
    )
    name, kind, _how = said_by(extract(text), "the ferries had lost money")
    assert kind == "unnamed"
    assert name != "Pavel Dorn"


def test_a_person_known_by_another_post_is_not_the_description() -> None:
    # Ruiz is the passage's subject, but the article made her a council member, not mayor.
    text = (
        "Council member Ana Ruiz said the harbour tax was a mistake.\n\n"
        "The mayor said the harbour would stay open through the winter."
    )
    name, kind, how = said_by(extract(text), "the harbour would stay open")
    assert (kind, how) == ("unnamed", "description")
    assert name != "Ana Ruiz"


def test_the_previous_speaker_is_not_the_description_when_the_posts_differ() -> None:
    text = (
        '"We will vote no," council member Ana Ruiz said on Monday.\n\n'
        '"The harbour stays open," the mayor said.'
    )
    name, kind, _how = said_by(extract(text), "The harbour stays open")
    assert kind == "unnamed"
    assert name != "Ana Ruiz"


def test_a_vice_president_is_not_the_president() -> None:
    text = (
        "Vice President Pavel Dorn says the ferry tax will be scrapped.\n\n"
        "The president noted on Friday that the ferries had lost money for a decade."
    )
    name, kind, _how = said_by(extract(text), "the ferries had lost money")
    assert kind == "unnamed"
    assert name != "Pavel Dorn"


@pytest.mark.parametrize(
    ("title", "expected"), [("Vice President", "Pavel Dorn"), ("President", None)]
)
def test_the_vice_president_is_the_one_introduced_as_one(title: str, expected: str | None) -> None:
    text = (
        f"{title} Pavel Dorn says the ferry tax will be scrapped.\n\n"
        "The vice president noted on Friday that the ferries had lost money for a decade."
    )
    name, kind, _how = said_by(extract(text), "the ferries had lost money")
    if expected is None:
        assert kind == "unnamed"
        assert name != "Pavel Dorn"
    else:
        assert (name, kind) == (expected, "person")


def test_a_description_is_not_someone_named_later_in_its_own_sentence() -> None:
    text = (
        "Pavel Dorn says the ferry tax will be scrapped.\n\n"
        "The senator told Dorn on Friday that the ferries had lost money for a decade."
    )
    name, _kind, _how = said_by(extract(text), "the ferries had lost money")
    assert name != "Pavel Dorn"


def test_a_party_in_the_description_picks_the_one_member_named_before() -> None:
    text = (
        "Republican Tomas Brenner opened his campaign in Velmora on Monday.\n\n"
        "Ana Ruiz, the mayor, said the harbour would stay open.\n\n"
        "The fishermen cheered.\n\n"
        "The GOP nominee argued that the harbour tax had hurt the fishermen."
    )
    name, _kind, how = said_by(extract(text), "the harbour tax had hurt")
    assert (name, how) == ("Tomas Brenner", "description")


def test_a_party_in_the_description_excludes_the_other_party() -> None:
    text = (
        "Democrat Ana Ruiz says the ferry tax will be scrapped.\n\n"
        "The Republican nominee noted on Friday that the ferries had lost money for a decade."
    )
    name, kind, _how = said_by(extract(text), "the ferries had lost money")
    assert kind == "unnamed"
    assert name != "Ana Ruiz"


def test_an_organisation_noun_is_the_organisation_the_article_is_about() -> None:
    text = (
        "Kestrel Dynamics fired its chief engineer on Monday. Kestrel Dynamics makes "
        "drones for the coast guard.\n\n"
        "In the Kestrel Dynamics inquiry, two engineers were questioned by the Velmora "
        "Tribune.\n\n"
        "The company said the drones were safe."
    )
    assert said_by(extract(text), "the drones were safe") == (
        "Kestrel Dynamics",
        "organization",
        "description",
    )


def test_an_organisation_noun_with_no_organisation_named_stays_unnamed() -> None:
    text = (
        "Pavel Dorn says the ferry tax will be scrapped.\n\nThe company said the drones were safe."
    )
    name, kind, _how = said_by(extract(text), "the drones were safe")
    assert kind == "unnamed"
    assert name != "Pavel Dorn"


def test_a_role_holder_introduced_just_after_the_description() -> None:
    text = (
        "The state attorney general said the casino licence was void.\n\n"
        "Attorney General Mara Olsen filed the complaint in Velmora on Monday."
    )
    name, _kind, how = said_by(extract(text), "the casino licence was void")
    assert (name, how) == ("Mara Olsen", "description")


def test_the_look_ahead_stops_at_a_rival() -> None:
    # the next senator the article introduces is the described one's rival, not them
    text = (
        "The senator said the ferries had lost money for a decade.\n\n"
        "His rival, Sen. Pavel Dorn, wants the ferry tax doubled."
    )
    name, kind, _how = said_by(extract(text), "the ferries had lost money")
    assert kind == "unnamed"
    assert name != "Pavel Dorn"


def test_the_look_ahead_stops_only_where_the_introduction_is_set_against() -> None:
    # "the other judge, X" is another judge; "the other against it ... here was Judge X" is
    # about the lawyers, and X is the judge who spoke
    other = "The judge said the ferry levy was void.\n\nThe other judge, Pavel Dorn, disagreed."
    name, kind, _how = said_by(extract(other), "the ferry levy was void")
    assert (name, kind) != ("Pavel Dorn", "person")
    lawyers = (
        "The judge said the ferry levy was void.\n\n"
        "The two lawyers could not have disagreed more, the one for the levy, the other "
        "against it, and still Judge Pavel Dorn found something to agree with in both."
    )
    assert said_by(extract(lawyers), "the ferry levy was void")[0] == "Pavel Dorn"


def test_the_look_ahead_needs_the_later_introduction_to_fit() -> None:
    # a former governor is not the governor introduced next; a Liberal not a Conservative
    former = (
        "The former governor said the ferries had lost money for a decade.\n\n"
        "Gov. Pavel Dorn wants the ferry tax doubled."
    )
    party = (
        "The Liberal senator said the ferries had lost money for a decade.\n\n"
        "Conservative Sen. Pavel Dorn wants the ferry tax doubled."
    )
    for text in (former, party):
        name, kind, _how = said_by(extract(text), "the ferries had lost money")
        assert kind == "unnamed"
        assert name != "Pavel Dorn"


def test_a_description_opening_a_paragraph_is_who_opens_the_next() -> None:
    # a state's post, then the next paragraph opens on a person named for the first time
    text = (
        "Vermont’s harbour commissioner says no one in the office leaked the ferry accounts."
        "\n\nMara Olsen says she asked staff on Monday to check who had opened the files."
    )
    assert said_by(extract(text), "no one in the office leaked") == (
        "Mara Olsen",
        "person",
        "description",
    )


def test_the_next_paragraphs_person_with_another_role_is_not_the_description() -> None:
    text = (
        "The harbour commissioner says no one in the office leaked the ferry accounts.\n\n"
        "Mara Olsen, a ferry captain, says she saw the files on a desk."
    )
    name, kind, _how = said_by(extract(text), "no one in the office leaked")
    assert kind == "unnamed"
    assert name != "Mara Olsen"


def test_a_role_given_only_after_the_description_does_not_count() -> None:
    # "the ad" speaks before anyone has released an ad; Ruiz's ad comes three paragraphs on.
    text = (
        "The ad says the bridge will cost twice what the council promised.\n\n"
        "It ran on local television all week.\n\n"
        "Voters in Velmora will decide on the bridge in May.\n\n"
        "Ana Ruiz released a new ad on Friday."
    )
    name, _kind, _how = said_by(extract(text), "the bridge will cost twice")
    assert name != "Ana Ruiz"


def test_a_headline_role_is_whom_the_article_introduces_with_it() -> None:
    text = (
        "Judge says harbour tax is unlawful.\n\n"
        "Velmora High Court Justice Pavel Dorn struck down the harbour tax on Monday.\n\n"
        "Ana Ruiz, the mayor, said the city would appeal."
    )
    article = extract(text)
    name, _kind, how = said_by(article, "harbour tax is unlawful")
    assert (name, how) == ("Pavel Dorn", "description")
    # a headline's capitalised role reads like a name: it is kept out of the aliases
    assert "Judge" not in speaker_of(article, quote_at(article, "harbour tax is unlawful")).aliases


def test_a_headline_role_two_hold_is_the_one_the_lede_introduces() -> None:
    # two judges in the article; the headline is about the one its first paragraph names
    text = (
        "Judge says harbour tax is unlawful.\n\n"
        "Velmora High Court Justice Pavel Dorn struck down the harbour tax on Monday.\n\n"
        "Ana Ruiz, the mayor, said the city would appeal.\n\n"
        "The city lost a similar case in 2019.\n\n"
        "Judge Mara Olsen ruled then that the ferry levy was void."
    )
    name, _kind, how = said_by(extract(text), "harbour tax is unlawful")
    assert (name, how) == ("Pavel Dorn", "description")


def test_a_headline_role_two_hold_in_the_lede_stays_unnamed() -> None:
    text = (
        "Judge says harbour tax is unlawful.\n\n"
        "Justice Pavel Dorn and Justice Mara Olsen struck down the harbour tax on Monday.\n\n"
        "Ana Ruiz, the mayor, said the city would appeal."
    )
    name, kind, _how = said_by(extract(text), "harbour tax is unlawful")
    assert kind == "unnamed"
    assert name not in ("Pavel Dorn", "Mara Olsen")


def test_an_unnamed_source_described_again_stays_the_same_unnamed_source() -> None:
    text = (
        "A spokeswoman for the ministry said the ferry would run again in May.\n\n"
        "Ana Ruiz, a ministry spokeswoman in Velmora, declined to comment.\n\n"
        "The spokeswoman added that the tickets would cost more."
    )
    article = extract(text)
    first = quote_at(article, "the ferry would run again")
    again = quote_at(article, "the tickets would cost more")
    assert speaker_of(article, first).kind == "unnamed"
    assert again.speaker_name != "Ana Ruiz"


def test_a_headlines_bare_words_introduce_no_one() -> None:
    # "Popular Website" and "Local Newspaper" are a headline's words, not a source or a name
    unnamed = (
        "Popular Website Shows Its Bias In Harbour Race.\n\n"
        "Velmora Daily keeps a running score of the mayors' promises.\n\n"
        "The website noted that the two mayors were scored on different scales."
    )
    article = extract(unnamed)
    later = quote_at(article, "two mayors were scored")
    assert later.speaker_id != quote_at(article, "Its Bias").speaker_id
    assert later.speaker_name != "Popular Website"
    organisation = (
        "Local Newspaper Says Harbour Tax Is Unfair.\n\n"
        "Velmora Daily runs a tally of the mayors' claims.\n\n"
        "The newspaper noted that both mayors had been rated on different scales."
    )
    name, kind, _how = said_by(extract(organisation), "both mayors had been rated")
    assert (name, kind) != ("Local Newspaper", "organization")
    assert kind == "unnamed"


def test_an_unnamed_source_continues_only_when_its_words_fit() -> None:
    text = (
        "A Liberal candidate said the ferry tax would be scrapped.\n\n"
        "The Conservative candidate said the ferries had lost money for a decade."
    )
    article = extract(text)
    first = speaker_of(article, quote_at(article, "the ferry tax would be scrapped"))
    second = speaker_of(article, quote_at(article, "the ferries had lost money"))
    assert first.kind == second.kind == "unnamed"
    assert first.id != second.id


def test_a_state_the_article_does_not_give_may_hold() -> None:
    text = (
        "Rep. Ana Ruiz toured the flooded valley on Monday.\n\n"
        "The old bridge was closed in March.\n\n"
        "The Oregon congresswoman said the bridge would be rebuilt by June."
    )
    name, _kind, how = said_by(extract(text), "the bridge would be rebuilt")
    assert (name, how) == ("Ana Ruiz", "description")


def test_a_state_the_article_gives_otherwise_does_not_fit() -> None:
    text = (
        "Rep. Ana Ruiz (D-Ore.) toured the flooded valley on Monday.\n\n"
        "The old bridge was closed in March.\n\n"
        "The Texas congresswoman said the bridge would be rebuilt by June."
    )
    name, _kind, _how = said_by(extract(text), "the bridge would be rebuilt")
    assert name != "Ana Ruiz"


def test_a_state_no_holder_is_given_is_nobodys_when_others_have_theirs() -> None:
    # the article gives two senators their states; "the Florida senator" is not Olsen
    text = (
        "Sen. Ana Ruiz (D-Vt.) and Sen. Pavel Dorn (R-Iowa) toured the harbour on Monday.\n\n"
        "Sen. Mara Olsen stayed in the capital.\n\n"
        "Tomas Brenner, who leads the polls, also spoke.\n\n"
        "The Florida senator said the ferries had lost money for a decade."
    )
    name, kind, _how = said_by(extract(text), "the ferries had lost money")
    assert kind == "unnamed"
    assert name != "Mara Olsen"


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (", R-Iowa.", {"republican", "iowa"}),
        (", R-Iowa, said", {"republican", "iowa"}),
        (" (D-Calif.)", {"democratic", "california"}),
        (", D-N.Y.", {"democratic", "new", "york"}),
        (", Rep. Ana Ruiz", set()),
    ],
)
def test_party_and_state_after_a_name(after: str, expected: set[str]) -> None:
    assert party_and_state(after) == expected


@pytest.mark.parametrize(
    ("introduced", "described"),
    [("Former Mayor Pavel Dorn", "The mayor"), ("Mayor Pavel Dorn", "The former mayor")],
)
def test_a_former_post_is_not_the_post_held_now(introduced: str, described: str) -> None:
    text = (
        f"{introduced} criticised the harbour plan on Monday.\n\n"
        f"{described} said the harbour would stay open through the winter."
    )
    name, kind, _how = said_by(extract(text), "the harbour would stay open")
    assert kind == "unnamed"
    assert name != "Pavel Dorn"


def test_a_former_post_is_the_former_holder() -> None:
    text = (
        "Former Mayor Pavel Dorn criticised the harbour plan on Monday.\n\n"
        "The former mayor said the harbour would stay open through the winter."
    )
    assert said_by(extract(text), "the harbour would stay open")[0] == "Pavel Dorn"


def test_description_windows_are_set_in_the_component_config() -> None:
    nlp = build_nlp()
    config = nlp.get_pipe_config("newsquotes")
    defaults = ResolutionSettings()
    assert config["description_window_sentences"] == defaults.description_window_sentences
    assert config["description_lookahead_paragraphs"] == defaults.description_lookahead_paragraphs
    nlp.remove_pipe("newsquotes")
    nlp.add_pipe("newsquotes", config={"description_window_sentences": 0})
    assert nlp.get_pipe("newsquotes").resolution.description_window_sentences == 0


def test_a_document_speaks_for_the_name_it_is_compounded_with() -> None:
    text = (
        "A Velmora Tribune poll shows the mayor ahead by nine points.\n\n"
        "The poll says most voters want the harbour tax scrapped."
    )
    name, _kind, how = said_by(extract(text), "most voters want the harbour tax")
    assert (name, how) == ("Velmora Tribune", "description")


def test_a_department_is_an_agency() -> None:
    text = (
        "An audit released by the Department of Harbour Affairs found 40 unsafe piers.\n\n"
        "The agency said repairs would take two years."
    )
    name, _kind, how = said_by(extract(text), "repairs would take two years")
    assert (name, how) == ("Department of Harbour Affairs", "description")


def test_a_his_or_her_in_the_description_says_its_sex() -> None:
    text = (
        "Pavel Dorn says the ferry tax will be scrapped.\n\n"
        "The Liberal nominee and her aides said the ferries had lost money for a decade."
    )
    name, _kind, _how = said_by(extract(text), "the ferries had lost money")
    assert name != "Pavel Dorn"


def test_a_description_ends_at_its_coordination() -> None:
    text = (
        "Pavel Dorn says the ferry tax will be scrapped.\n\n"
        "The Liberal nominee and his aides said the ferries had lost money for a decade."
    )
    name, _kind, how = said_by(extract(text), "the ferries had lost money")
    assert (name, how) == ("Pavel Dorn", "description")


@pytest.mark.parametrize(("lawmaker", "expected"), [("(R-Ore.)", True), ("", False)])
def test_a_party_members_state_must_be_given(lawmaker: str, expected: bool) -> None:
    text = (
        f"Republican Tomas Brenner {lawmaker} and Ana Ruiz toured the harbour on Monday.\n\n"
        "The old cranes were sold for scrap last year. Nobody bought the pier.\n\n"
        "The Oregon Republican said the port would need a new pier."
    ).replace("  ", " ")
    name, _kind, _how = said_by(extract(text), "the port would need")
    assert (name == "Tomas Brenner") is expected


def test_an_ad_from_someones_campaign_has_an_author_too() -> None:
    # "from X's campaign" names the new ad's author, so "the ad" is that one.
    q = "a report on the harbour fund"
    text = (
        "An old Ana Ruiz ad from the last harbour race asked whether her rival could run a "
        "ferry.\n\n"
        "A new ad from Tomas Brenner's campaign for mayor turns that question back on her.\n\n"
        f"The ad then cites {q}."
    )
    quote = quote_at(extract(text), q)
    assert quote.speaker_name == "Tomas Brenner"


LEDE_JUDGE = (
    "Judge rejects ferry company appeal.\n\n"
    "A Velmora judge has ruled that the ferry company must refund every passenger who paid "
    "the winter surcharge during the storms of last year.\n\n"
    "The ferry company had asked the court to keep its accounts sealed until the spring, and "
    "lawyers for the city objected.\n\n"
)


def test_an_indefinite_role_opening_the_lede_is_the_holder_named_soon_after() -> None:
    text = LEDE_JUDGE + "Velmora High Court Justice Pavel Dorn wrote that the charter was clear."
    assert said_by(extract(text), "the ferry company must refund") == (
        "Pavel Dorn",
        "person",
        "description",
    )


@pytest.mark.parametrize(
    "after",
    [
        # two judges named: either could be the one
        "Velmora High Court Justice Pavel Dorn and Justice Mara Olsen wrote that it was clear.",
        # named too far on to be the lede's subject
        "Ana Ruiz, the mayor, said the city would not appeal.\n\n"
        "Velmora High Court Justice Pavel Dorn wrote that the charter was clear.",
    ],
)
def test_an_indefinite_role_opening_the_lede_stays_unnamed_without_one_holder_near(
    after: str,
) -> None:
    name, kind, _how = said_by(extract(LEDE_JUDGE + after), "the ferry company must refund")
    assert kind == "unnamed"
    assert name not in ("Pavel Dorn", "Mara Olsen")


def test_an_indefinite_role_outside_a_lede_stays_unnamed() -> None:
    # no headline: the first paragraph is not a lede that names its subject later
    text = (
        "The ferry company had asked the court to keep its accounts sealed until the spring, "
        "and lawyers for the city objected.\n\n"
        "A Velmora judge has ruled that the ferry company must refund every passenger.\n\n"
        "Velmora High Court Justice Pavel Dorn wrote that the charter left no room for a "
        "surcharge."
    )
    name, kind, _how = said_by(extract(text), "the ferry company must refund")
    assert kind == "unnamed"
    assert name != "Pavel Dorn"


def test_a_lede_role_and_its_headline_are_the_person_quoted_next() -> None:
    text = (
        "Former harbour commissioner calls for ferry audit.\n\n"
        "A former harbour commissioner says the city council should order an independent "
        "audit of the ferry accounts before the budget vote in May.\n\n"
        '"The numbers have not added up for three years," said Mara Olsen, who ran the '
        'harbour office from 1990 to 1996. "Someone has to look."'
    )
    article = extract(text)
    assert said_by(article, "the city council should order")[0] == "Mara Olsen"
    assert said_by(article, "ferry audit")[0] == "Mara Olsen"


def test_a_spokeswoman_opening_the_lede_stays_an_unnamed_source() -> None:
    text = (
        "Ferry company loses appeal.\n\n"
        "A spokeswoman for the ferry company said it would refund every passenger who paid "
        "the winter surcharge before the end of the month.\n\n"
        "The company's spokeswoman, Mara Olsen, told reporters that the refunds would be paid "
        "in May."
    )
    name, kind, _how = said_by(extract(text), "it would refund every passenger")
    assert kind == "unnamed"
    assert name != "Mara Olsen"


def test_the_authors_father_and_mother_are_the_parents_they_name() -> None:
    # the parents are named after the first "My father"; the author's family is theirs anywhere
    text = (
        "My father sold the farm in 1979 and bought a boat with the money.\n\n"
        "My father said the sea was the only honest employer left in Velmora.\n\n"
        "Lest you think my parents, Tomas and Vera Lindqvist, were simple folk, my mother "
        "trained as a nurse in Oslo.\n\n"
        "My mother said the boat was the worst thing he ever bought."
    )
    article = extract(text)
    father, _kind, how = said_by(article, "the only honest employer")
    assert (father or "").startswith("Tomas") and how == "description"
    assert said_by(article, "the worst thing he ever bought")[:2] == ("Vera Lindqvist", "person")


@pytest.mark.parametrize("introduced_first", [True, False])
def test_someone_elses_wife_is_the_one_introduced_before(introduced_first: bool) -> None:
    introduction = "Ivo Stenberg, the captain, survived. His wife, Mara Stenberg, lives in Velmora."
    said = "His wife said the captain had warned the owners for months."
    body = [introduction, said] if introduced_first else [said, introduction]
    text = "\n\n".join(["The ferry sank in 1979, two miles off the harbour wall.", *body])
    name, _kind, _how = said_by(extract(text), "had warned the owners")
    assert (name == "Mara Stenberg") is introduced_first


def test_a_panel_opening_the_lede_is_the_committee_named_next() -> None:
    text = (
        "Panel votes to fine ferry company.\n\n"
        "A Velmora panel voted on Thursday to fine the ferry company for refusing to hand over "
        "its accounts, saying the refusal broke the harbour charter.\n\n"
        "The Velmora Harbour Committee voted 9-4 along party lines to send the fine to the "
        "full council."
    )
    name, kind, how = said_by(extract(text), "the refusal broke the harbour charter")
    assert (name, kind, how) == ("Velmora Harbour Committee", "organization", "description")


def test_a_headline_member_of_a_panel_is_not_the_panel() -> None:
    # "Member of harbour panel says": parsed with "panel" as the subject, it is no role
    text = (
        "Councillor urges ferry fine;\n"
        "Member of harbour panel says the company has to pay.\n\n"
        "Councillor Ana Ruiz, the top Liberal on the Velmora Harbour Committee, called on the "
        "mayor to fine the ferry company for hiding its accounts."
    )
    name, _kind, _how = said_by(extract(text), "the company has to pay")
    assert name != "Velmora Harbour Committee"


UNION_STORY = (
    "The ferry company cut the crews' wages by a fifth last spring, the union said.\n\n"
    "The cuts came a month after the company lost its harbour contract.\n\n"
    "Passengers have complained of late sailings ever since.\n\n"
    "The Velmora Dock Workers Association has called a strike for May"
)


@pytest.mark.parametrize(
    ("ending", "expected"),
    [
        (".", "Velmora Dock Workers Association"),
        (", and the Harbour Pilots Union has backed it.", None),  # two unions: either
    ],
)
def test_an_organisation_noun_no_passage_fits_is_the_articles_one_of_its_type(
    ending: str, expected: str | None
) -> None:
    name, kind, _how = said_by(extract(UNION_STORY + ending), "cut the crews' wages")
    if expected is None:
        assert kind == "unnamed"
        assert name not in ("Velmora Dock Workers Association", "Harbour Pilots Union")
    else:
        assert (name, kind) == (expected, "organization")


@pytest.mark.parametrize(
    ("text", "person", "documents"),
    [
        ("The Ruiz tax story was told by the Courier.", True, []),  # about Ruiz
        ("The Ruiz ad says the bridge will cost more.", True, ["ad"]),  # by Ruiz
        ("A Reuters survey found that voters were tired.", False, ["report"]),
    ],
)
def test_a_persons_name_before_a_story_is_whom_it_is_about(
    text: str, person: bool, documents: list[str]
) -> None:
    doc = default_pipeline().nlp(text)
    name = next(t for t in doc if t.text in ("Ruiz", "Reuters"))
    assert documents_of(name, person) == documents


def test_an_organisations_short_name_is_one_candidate_with_its_full_name() -> None:
    def org(name: str) -> Person:
        return Person(name=name, kind="organization", first_seen=0)

    full, short = org("New York Times"), org("Times")
    assert without_short_forms([full, short]) == [full]
    # "Post" ends two candidates' names: it could be either
    posts = [org("Washington Post"), org("Velmora Post"), org("Post")]
    assert without_short_forms(posts) == posts
    # one word left off is another paper's own word: The Financial Times is not The Times
    papers = [org("Financial Times"), org("Times")]
    assert without_short_forms(papers) == papers


@pytest.mark.parametrize(
    ("subject", "aged", "expected"),
    [
        ("Mara Olsen, a teacher,", "teacher", "Mara Olsen"),
        ("Mara Olsen", "woman", "Mara Olsen"),  # a plain person word fits anyone
        ("Mara Olsen and Ivo Dahl", "woman", None),  # two: either
        # no role of hers: the teacher may be someone else in the crowd
        ("Mara Olsen", "teacher", None),
    ],
)
def test_a_description_with_an_age_is_the_person_the_passage_is_about(
    subject: str, aged: str, expected: str | None
) -> None:
    text = (
        "About 200 protesters gathered outside the harbour office on Monday.\n\n"
        f"{subject} held up a sign saying the ferries belong to the town. The 57-year-old "
        f"{aged} says she has taken the ferry to work every day for thirty years."
    )
    name, kind, _how = said_by(extract(text), "taken the ferry to work")
    if expected is None:
        assert kind == "unnamed"
        assert name not in ("Mara Olsen", "Ivo Dahl")
    else:
        assert (name, kind) == (expected, "person")


def test_a_newspaper_is_known_by_the_word_its_name_ends_in() -> None:
    text = (
        "The ferry tax will double next year, the Velmora Sentinel reported on Sunday, citing "
        "a memo from the Harbour Authority.\n\n"
        "The newspaper said the memo had been sent to every councillor in March."
    )
    assert said_by(extract(text), "sent to every councillor")[:2] == (
        "Velmora Sentinel",
        "organization",
    )


@pytest.mark.parametrize(
    ("description", "expected"),
    [("The former governor", "Pavel Dorn"), ("The Vermont governor", None)],  # no state known
)
def test_with_no_main_subject_a_stand_in_role_is_the_one_subject_of_another_clause(
    description: str, expected: str | None
) -> None:
    text = (
        "The ferry fares will double in May.\n\n"
        "The row centers on comments Pavel Dorn made on Tuesday during a speech at the harbour. "
        f"{description} said the ferries had been run into the ground."
    )
    name, kind, _how = said_by(extract(text), "run into the ground")
    if expected is None:
        assert kind == "unnamed"
        assert name != "Pavel Dorn"
    else:
        assert (name, kind) == (expected, "person")


LEDE_PERMIT = (
    "Judge blocks Harlow County mining permit\n\n"
    "A Harlow County judge has blocked a permit for a new coal mine, saying the state ignored "
    "the risk to the river.\n\n"
)


@pytest.mark.parametrize(
    "after",
    [
        # the next paragraph opens with someone else's narration, not the judge's quotation
        "Dana Whitcombe, who represents the mining company, said the ruling would be appealed.",
        "Mira Castellan, who filed the lawsuit for the river's neighbours, called it a victory.",
        # a quotation, but the clause says she is no judge
        '"This decision will not stand," said Dana Whitcombe, who represents the mining '
        'company. "We will appeal."',
        # the clause shares the place, not the post: the judge's critic
        '"This is activism from the bench," said Paul Drummond, who chairs the Harlow County '
        'mining board. "We will appeal."',
    ],
)
def test_a_lede_role_is_not_the_lawyer_or_plaintiff_named_next(after: str) -> None:
    name, kind, _how = said_by(extract(LEDE_PERMIT + after), "the state ignored the risk")
    assert kind == "unnamed"
    assert name not in ("Dana Whitcombe", "Mira Castellan", "Paul Drummond")


@pytest.mark.parametrize(
    ("between", "relative"),
    [
        # his: the engineer, described but never named
        ("The engineer drowned; nobody from the company has spoken to his family since.", "wife"),
        ("The engineer, Tomas Brenner, drowned. Brenner was 31.", "father"),
    ],
)
def test_his_relative_is_not_another_mans_introduced_before(between: str, relative: str) -> None:
    text = (
        "Ivo Stenberg, 54, the captain, survived the sinking. His wife, Mara Stenberg, lives in "
        "Velmora. His father, Karl Stenberg, was a captain too.\n\n"
        f"{between}\n\n"
        f"His {relative} said the ship should never have left the harbour."
    )
    name, kind, _how = said_by(extract(text), "never have left the harbour")
    assert kind == "unnamed"
    assert name not in ("Mara Stenberg", "Karl Stenberg")


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Brenner was charged with assault on Monday.\n\n"
        "The 29-year-old witness said the fight started over a bill.",
        "Tomas Brenner was charged with assault on Monday.\n\n"
        "The 52-year-old bartender said the fight started over a bill.",
        "Tomas Brenner punched a man outside the Anchor bar on Saturday. The 52-year-old victim "
        "said the fight started over a bill.",
    ],
)
def test_a_description_with_an_age_is_not_the_other_party_of_an_event(text: str) -> None:
    name, kind, _how = said_by(extract(text), "the fight started over a bill")
    assert kind == "unnamed"
    assert name != "Tomas Brenner"


def test_an_examiners_office_is_no_newspaper() -> None:
    text = (
        "A Velmora man died in police custody last spring.\n\n"
        "The Velmora County Medical Examiner's Office ruled the death a homicide in June.\n\n"
        "The family has sued the city. The mayor declined to comment.\n\n"
        "The officers involved remain on duty. Protests continued through the summer.\n\n"
        "Marchers gathered again on Saturday outside city hall, where the council met.\n\n"
        "A local newspaper obtained the officers' reports last week. The newspaper said the "
        "reports contradicted the police account."
    )
    name, kind, _how = said_by(extract(text), "contradicted the police account")
    assert kind == "unnamed"
    assert name != "Velmora County Medical Examiner's Office"


@pytest.mark.parametrize(
    "second",
    [
        "On Sunday, The Times of London published the mayor's travel logs.",  # a newspaper too
        "On Sunday, The Times published the mayor's travel logs.",  # not the Financial Times
    ],
)
def test_the_newspaper_after_two_papers_is_neither(second: str) -> None:
    first = "The New York Times" if "London" in second else "The Financial Times"
    text = (
        "Ostra mayor hit by leak\n\n"
        f"{first} first reported in May that Ostra's mayor, Ivo Stenberg, used city cars for "
        "private trips.\n\n"
        f"{second} The newspaper said the trips cost the city 40,000 euros."
    )
    name, kind, _how = said_by(extract(text), "the trips cost the city")
    assert kind == "unnamed"
    assert name not in ("New York Times", "Financial Times", "Times", "Times of London")


HOTEL_STRIKE = (
    "The hotel strike entered its third week on Monday.\n\n"
    "The {name}, which represents {whom}, says it has offered a fair raise.\n\n"
    "Housekeepers have picketed outside the largest hotels every day. Tourists have complained "
    "of unmade beds.\n\n"
    "The mayor asked both sides to talk. Neither has agreed.\n\n"
    "Talks collapsed on Friday after six hours.\n\n"
    "The union said the owners had refused to meet for six weeks."
)


@pytest.mark.parametrize(
    ("name", "whom", "expected"),
    [
        ("Velmora Hotel Association", "the owners of 40 hotels", None),  # the employers
        (
            "Velmora Hotel Workers Association",
            "the housekeepers",
            "Velmora Hotel Workers Association",
        ),
    ],
)
def test_an_association_is_a_union_only_when_its_name_says_whose_work(
    name: str, whom: str, expected: str | None
) -> None:
    text = HOTEL_STRIKE.format(name=name, whom=whom)
    found, kind, _how = said_by(extract(text), "refused to meet for six weeks")
    if expected is None:
        assert kind == "unnamed"
        assert found != name
    else:
        assert (found, kind) == (expected, "organization")


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        # the lower court's judge, whose decision it reverses
        ("The ruling reverses a 2019 decision by Harlow County Judge Oren Talbot.", None),
        ("The ruling, by Velmora Appeals Court Judge Oren Talbot, sends it back.", "Oren Talbot"),
    ],
)
def test_a_lede_judge_is_not_the_judge_of_another_court(after: str, expected: str | None) -> None:
    text = (
        "Appeals judge revives ferry lawsuit\n\n"
        "A state appeals court judge has revived a lawsuit against the ferry company, saying "
        f"the lower court had misread the charter.\n\n{after}"
    )
    name, kind, _how = said_by(extract(text), "the lower court had misread")
    if expected is None:
        assert kind == "unnamed"
        assert name != "Oren Talbot"
    else:
        assert (name, kind) == (expected, "person")


@pytest.mark.parametrize(
    ("clause", "description"),
    [
        # the post changed hands: the new chairman, the newcomer
        ("After Pavel Dorn resigned in March, the board appointed a new chairman.", "chairman"),
        ("The increase comes after Pavel Dorn lost the mayoral race to a newcomer.", "mayor"),
        ("Although Pavel Dorn warned against it, the council approved the increase.", "minister"),
    ],
)
def test_a_stand_in_role_is_not_the_subject_of_a_clause_before_or_after_the_deed(
    clause: str, description: str
) -> None:
    text = (
        "The ferry fares will double in May.\n\n"
        f"{clause} The {description} said the fares were still the lowest in the region."
    )
    name, kind, _how = said_by(extract(text), "still the lowest in the region")
    assert kind == "unnamed"
    assert name != "Pavel Dorn"


@pytest.mark.parametrize(
    ("introduced", "noun", "expected"),
    [
        # "a federal agency" introduces another one, whom "the agency" means
        ("A federal agency opened an inquiry into the death.", "agency", None),
        ("The inquiry was opened by the police.", "department", "Velmora Police Department"),
    ],
)
def test_an_organisation_just_introduced_with_a_is_not_the_one_named_before(
    introduced: str, noun: str, expected: str | None
) -> None:
    text = (
        "A Velmora man died in police custody last spring.\n\n"
        "The Velmora Police Department said he had resisted arrest.\n\n"
        "The family has sued the city.\n\n"
        f"{introduced} The {noun} said the inquiry would take months."
    )
    name, kind, _how = said_by(extract(text), "the inquiry would take months")
    if expected is None:
        assert kind == "unnamed"
        assert name != "Velmora Police Department"
    else:
        assert (name, kind) == (expected, "organization")
