"""What the pipeline is given is never a crash and never a silent nothing: lone surrogates are
made safe, a pipeline without a parser says so, another language is skipped with its name."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

from newsquotes.cli import main
from newsquotes.errors import LanguageError, PipelineConfigError
from newsquotes.model import Article
from newsquotes.pipeline import LONG_ARTICLE_CHARS, _pieces, default_pipeline, extract
from newsquotes.read.language import guess_language
from newsquotes.store.corpus import Corpus

PORTUGUESE = (
    "O ministro da Economia, Carlos Mendes, disse nesta segunda-feira que o governo não vai "
    'aumentar os impostos no próximo ano. "Não há espaço para mais impostos", afirmou ele durante '
    "uma entrevista em Lisboa. Segundo o ministro, a economia cresceu mais do que o esperado e as "
    "contas públicas estão equilibradas. A oposição criticou a declaração e disse que o plano do "
    "governo é muito vago para as famílias que pagam as contas.\n"
)
INDONESIAN = (
    "Menteri Keuangan Sri Wulandari mengatakan bahwa pemerintah tidak akan menaikkan pajak pada "
    'tahun depan. "Kami sudah menghitung dengan hati-hati," kata dia di Jakarta pada hari Senin. '
    "Menurut dia, ekonomi negara tumbuh lebih cepat dari perkiraan dan anggaran negara dalam "
    "kondisi yang baik. Partai oposisi mengatakan bahwa rencana itu tidak jelas untuk keluarga "
    "yang membayar tagihan mereka.\n"
)
KOREAN = (
    "김민수 장관은 월요일 서울에서 열린 기자회견에서 정부가 내년에 세금을 올리지 않을 것이라고 "
    '말했다. 그는 "우리는 신중하게 계산했다"고 강조했다. 야당은 이 계획이 가계에 충분히 명확하지 '
    "않다고 비판했다. 시장 상인들은 변화가 손님을 멀어지게 할까 걱정했다.\n"
)
ENGLISH = (
    '"The harbour stays open," said Jana Novak, the port director, on Monday. The council is '
    "expected to vote on the proposal at its next meeting, after a further round of consultation "
    "with traders and residents of the streets around the square. Several traders said they "
    "feared the change would drive away the customers who still travel in from the villages.\n"
)


def test_lone_surrogates_in_the_python_api_never_crash() -> None:
    text = 'Odd \udfff bytes \ud800. "We will win," said Jana Novak, the party leader.'
    article = extract(text)
    assert article.text == text.replace("\udfff", "\ufffd").replace("\ud800", "\ufffd")
    (quote,) = article.quotes
    assert quote.speaker_name == "Jana Novak"
    for start, end in quote.spans:
        assert article.text[start:end] in quote.text
    article.text.encode("utf-8")


def test_a_pipeline_without_a_parser_is_an_error_not_an_empty_answer() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsquotes")
    with pytest.raises(PipelineConfigError, match="needs a dependency parse"):
        nlp('"We will win," said Jana Novak.')
    assert nlp("   ")._.quotes == []  # nothing to parse is no error


@pytest.mark.parametrize(
    ("text", "language"), [(PORTUGUESE, "pt"), (INDONESIAN, "id"), (KOREAN, "ko")]
)
def test_another_language_is_skipped_with_its_name(text: str, language: str) -> None:
    assert guess_language(text) == language
    with pytest.raises(LanguageError) as caught:
        default_pipeline().process(Article(id="foreign", text=text, source="foreign.txt"))
    assert caught.value.language == language
    assert f"({language}), not English; skipped" in caught.value.reason
    assert caught.value.document == "foreign.txt"


def test_the_text_decides_over_a_wrong_declaration() -> None:
    declared_wrongly = Article(id="en", text=ENGLISH, language="pt")
    assert default_pipeline().process(declared_wrongly).quotes
    declared_short = Article(id="pt", text="Disse o ministro.", language="pt-BR")
    with pytest.raises(LanguageError, match="Portuguese"):
        default_pipeline().process(declared_short)
    assert guess_language("Too short to tell.") is None
    assert guess_language(ENGLISH) == "en"


def test_ingest_records_other_languages_as_skipped_not_failed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (inbox / "pt.txt").write_text(PORTUGUESE, encoding="utf-8")
    db = tmp_path / "news.db"
    result = CliRunner().invoke(main, ["ingest", str(inbox), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    assert "1 ingested" in result.output and "1 not in English" in result.output
    with Corpus(db) as corpus:
        (error,) = corpus.errors()
    assert (error.source, error.code) == (str(inbox / "pt.txt"), "NQ106")
    assert "Portuguese (pt)" in error.message
    extracted = CliRunner().invoke(main, ["extract", str(inbox / "pt.txt")])
    assert extracted.exit_code == 0
    assert "skipped: [NQ106]" in extracted.stderr


def test_a_long_article_is_parsed_in_pieces_with_the_same_text_and_every_quote() -> None:
    paragraph = (
        '"Paragraph {n} matters," said Jana Novak, the port director. The council met again '
        "on Monday to debate the harbour levy, and traders said they feared the change.\n\n"
    )
    text = "".join(paragraph.format(n=n) for n in range(LONG_ARTICLE_CHARS // 150 + 50))
    assert len(text) > LONG_ARTICLE_CHARS
    pieces = _pieces(text)
    assert "".join(pieces) == text
    assert len(pieces) > 2 and all(piece.endswith("\n") for piece in pieces[:-1])
    article = default_pipeline().process(Article(id="long", text=text))
    assert article.text == text
    said = [q for q in article.quotes if q.speaker_name == "Jana Novak"]
    assert len(said) == text.count("matters,")
    for quote in said:
        start, end = quote.spans[0]
        assert text[start:end].startswith('"Paragraph ')
