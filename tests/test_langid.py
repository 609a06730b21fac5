"""Language identification among en, az, ru, tr; none-of-four errors; verify_language; CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from aligntext.errors import LanguageMismatchError, UnsupportedLanguageError
from aligntext.langid import detect_language, language_scores, verify_language

SENTENCES = [
    ("en", "The ministry said on Tuesday that the new rules will apply from next spring."),
    ("en", "Talks between the two delegations continued late into the evening."),
    ("en", "Prices rose"),
    ("az", "Nazirlik çərşənbə axşamı bildirib ki, yeni qaydalar gələn yazdan tətbiq olunacaq."),
    ("az", "İki nümayəndə heyəti arasında danışıqlar axşam saatlarına qədər davam etdi."),
    ("az", "Bakıda keçirilən görüşdə iqtisadi əməkdaşlıq məsələləri müzakirə olunub."),
    # Azerbaijani without the letter ə: the model alone must carry it.
    ("az", "Qonaqlar axşam yoxlamadan sonra qayıtdılar."),
    ("ru", "Министерство сообщило во вторник, что новые правила вступят в силу следующей весной."),
    ("ru", "Переговоры двух делегаций продолжались до позднего вечера."),
    ("ru", "Цены выросли"),
    (
        "tr",
        "Bakanlık salı günü yeni kuralların gelecek bahar uygulanacağını söyledi.",
    ),
    ("tr", "İki heyet arasındaki görüşmeler akşam geç saatlere kadar sürdü."),
    ("tr", "Ankara'daki toplantıda ekonomik işbirliği konuları ele alındı."),
]


@pytest.mark.parametrize(("lang", "text"), SENTENCES)
def test_detect_language(lang: str, text: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(("lang", "text"), SENTENCES)
def test_scores_are_probabilities_over_the_four(lang: str, text: str) -> None:
    scores = language_scores(text)
    assert set(scores) == {"en", "az", "ru", "tr"}
    assert sum(scores.values()) == pytest.approx(1.0)
    assert max(scores, key=scores.__getitem__) == lang


_EN_NAMES = (
    "Minister Ceyhun Bayramov welcomed Hakan Fidan to Şuşa.\n"
    "Nərgiz Əliyeva toured Gəncə, Şəmkir and Qəbələ with Emine Erdoğan.\n"
    "Mövlud Çavuşoğlu and Elmar Məmmədyarov spoke in Xankəndi on 2 May."
)


def test_english_full_of_azerbaijani_names_is_english() -> None:
    # The names alone read as Azerbaijani; the words around them are English.
    assert detect_language(_EN_NAMES) == "en"
    assert verify_language(_EN_NAMES, "en", strict=True) is None


def test_schwa_decides_azerbaijani_over_turkish() -> None:
    # Mostly Turkish-looking words, but "ə" occurs only in Azerbaijani.
    assert detect_language("Bu kitabı mən də okudum, çox gözəl.") == "az"


# Azerbaijani typed with "e" for "ə" (the model learnt it with "ə" and reads Turkish).
_AZ_NO_SCHWA = "Hökumet bu meseleni yaxın günlerde müzakire edecek, sonra qerar qebul olunacaq."
_AZ_ASCII = "Xarici Isler Nazirliyi bu gorusun neticeleri barede melumat yaydi."
_TR_LONG = (
    "Bakanlık salı günü yaptığı açıklamada yeni kuralların gelecek bahardan itibaren "
    "uygulanacağını söyledi. Toplantıya iki ülkenin heyetleri katıldı ve görüşmeler akşam "
    "geç saatlere kadar sürdü."
)


def test_x_and_q_in_ordinary_words_decide_azerbaijani_over_turkish() -> None:
    assert detect_language(_AZ_NO_SCHWA) == "az"


@pytest.mark.parametrize("text", [_AZ_NO_SCHWA, _AZ_ASCII])
def test_azerbaijani_without_schwa_passes_strict(text: str) -> None:
    # "Xarici" starts the sentence: a sign of Azerbaijani, so Turkish 0.99 is no proof.
    assert verify_language(text, "az", strict=True) is None


@pytest.mark.parametrize(
    "text",
    [
        "Toplantıda Qarabağ ve Xocalı konuları ele alındı.",
        "Cumhurbaşkanı, Bakü'de Xankendi ziyaretini anlattı ve Aliyev ile görüştü.",
    ],
)
def test_turkish_quoting_azerbaijani_names_stays_turkish(text: str) -> None:
    assert detect_language(text) == "tr"
    assert verify_language(text, "tr", strict=True) is None


def test_turkish_given_as_azerbaijani_is_still_caught() -> None:
    with pytest.raises(LanguageMismatchError, match=r"Turkish \(tr\)"):
        verify_language(_TR_LONG, "az", strict=True)


# Azerbaijani typed in ASCII whose only "x" or "q" starts the sentence: the model says
# Turkish; the first word is an ordinary word or an Azerbaijani spelling all the same.
@pytest.mark.parametrize(
    "text",
    [
        "Xankendi seherinde yeni mekteb binasi istifadeye verilib.",
        "Xarici turistlerin sayi bu il iki defe artib.",
        "Qonsu kendlerde de elektrik kesilib.",
    ],
)
def test_an_azerbaijani_first_word_with_x_or_q_counts(text: str) -> None:
    assert detect_language(text) == "az"


@pytest.mark.parametrize(
    "text",
    [
        # A word only Turkish writes ("için", "yıl"), or a title ("Sussex Dükü"), says that
        # the first word is a name.
        "Brexit için yeni bir anlaşma gerekiyor, dedi bakan.",
        "Netflix bu yıl yeni dizilerini tanıttı ve izleyiciler memnun kaldı.",
        "Sussex Dükü bugün Londra'da bir açıklama yaptı ve basına konuştu.",
    ],
)
def test_turkish_starting_with_a_foreign_name_stays_turkish(text: str) -> None:
    assert detect_language(text) == "tr"


@pytest.mark.parametrize(
    "text",
    [
        "Bakan bu konuda yeni bir açıklama yapacağını söylüyor.",
        "Toplantı çok verimli geçti ama sonuç henüz belli değil.",
        "Bu karar ekonomi icin buyuk onem tasiyor.",  # typed without Turkish letters
    ],
)
def test_short_turkish_given_as_azerbaijani_is_caught_by_its_words(text: str) -> None:
    # Under 150 letters: no "ə", "x" or "q" proves nothing, words Azerbaijani spells
    # otherwise (söylüyor, çok, değil, için, büyük) do.
    with pytest.raises(LanguageMismatchError, match=r"Turkish \(tr\)"):
        verify_language(text, "az", strict=True)


@pytest.mark.parametrize(
    "text",
    [
        # Short Azerbaijani with "ə" typed as "e" and no "x" or "q": "ve", "ile", "gore"
        # are what Turkish writes too, so nothing is said.
        "Nazir ve muavini bu gun yeni layihe ile bagli melumat verdiler.",
        "Hökumet bu meseleye gore yeni bir plan hazirlayib.",
    ],
)
def test_short_azerbaijani_without_its_letters_is_no_mismatch(text: str) -> None:
    assert verify_language(text, "az", strict=True) is None


@pytest.mark.parametrize(
    ("text", "looks_like"),
    [
        (
            "Die Regierung hat am Montag neue Regeln für den Verkehr in der Stadt beschlossen.",
            "German",
        ),
        (
            "Le gouvernement a annoncé lundi de nouvelles règles pour la circulation en ville.",
            "French",
        ),
        ("Уряд у понеділок оголосив нові правила руху в місті для всіх водіїв.", "Ukrainian"),
        ("Η κυβέρνηση ανακοίνωσε νέους κανόνες για την κυκλοφορία στην πόλη.", "Greek script"),
        ("أعلنت الحكومة يوم الاثنين قواعد جديدة للمرور في المدينة.", "Arabic script"),
    ],
)
def test_none_of_the_four_is_an_error(text: str, looks_like: str) -> None:
    with pytest.raises(UnsupportedLanguageError, match=f"none of en, az, ru, tr.*{looks_like}"):
        detect_language(text)


@pytest.mark.parametrize(
    ("text", "looks_like"),
    [
        (
            "Хариҹи сијасәт мәсәләләри үзрә ҝөрүш кечирилди.\n"
            "Тәрәфләр әмәкдашлыг һаггында сазиш имзаладылар.",
            "Azerbaijani in Cyrillic script.*Latin script only",
        ),
        # Short: one letter outside the Russian alphabet is all there is to go by.
        ("Зустріч пройшла 5 травня в Баку.", "Ukrainian"),
        ("Разговори су вођени у Бакуу.", "Serbian"),
        ("Кездесу Бакуда өтті.", "Kazakh"),
        ("Сөйләшүләр Бакуда узды.", "Tatar"),
        # No letter outside the Russian alphabet: the model's clear preference decides.
        ("Преговорите се проведоха на 14 март в Баку.", "Bulgarian"),
        ("Средбата се одржа во Баку на 14 март.", "Macedonian"),
    ],
)
def test_cyrillic_but_not_russian_is_an_error(text: str, looks_like: str) -> None:
    with pytest.raises(UnsupportedLanguageError, match=f"none of en, az, ru, tr.*{looks_like}"):
        detect_language(text)
    with pytest.raises(LanguageMismatchError, match=f"not in Russian.*{looks_like}"):
        verify_language(text, "ru", strict=True)


@pytest.mark.parametrize(
    "text",
    [
        "Министр встретился с Андрієм Сибігою в Киеве и обсудил вопросы сотрудничества.",
        "Газета «Українська правда» сообщила об этом в понедельник.",
        "Встреча прошла в Софии.",
    ],
)
def test_russian_quoting_a_ukrainian_name_stays_russian(text: str) -> None:
    assert detect_language(text) == "ru"
    assert verify_language(text, "ru", strict=True) is None


@pytest.mark.parametrize("text", ["ꙮ ꙮ ꙮ", "ᲀᲁᲂ ꙮ"])
def test_letters_of_the_cyrillic_extended_blocks_are_no_crash(text: str) -> None:
    # They count as Cyrillic script; the share of non-Russian letters divided by zero.
    with pytest.raises(UnsupportedLanguageError, match="not Russian"):
        detect_language(text)
    assert verify_language(text, "ru") is not None


@pytest.mark.parametrize("text", ["", "   ", "12 345 — 2024", "!!! ???"])
def test_no_letters_is_an_error(text: str) -> None:
    with pytest.raises(UnsupportedLanguageError, match="no letters"):
        detect_language(text)
    with pytest.raises(UnsupportedLanguageError, match="no letters"):
        language_scores(text)


def test_short_text_gets_a_guess_not_an_error() -> None:
    assert detect_language("Ok") in {"en", "az", "ru", "tr"}


def test_too_short_to_tell_is_what_detection_cannot_reject() -> None:
    from aligntext.langid import too_short_to_tell

    # German this short reads as English: a guess the caller must know is one.
    assert detect_language("Das ist gut.") == "en" and too_short_to_tell("Das ist gut.")
    assert too_short_to_tell("Цены выросли")
    assert not any(too_short_to_tell(text) for lang, text in SENTENCES if len(text) > 40)


# --- verify_language ---------------------------------------------------------------------

_AZ = SENTENCES[3][1]
_RU = SENTENCES[7][1]
_EN = SENTENCES[0][1]


@pytest.mark.parametrize(
    ("text", "claimed"), [(_AZ, "az"), (_RU, "rus"), (_EN, "en"), ("Merhaba", "az")]
)
def test_verify_language_accepts(text: str, claimed: str) -> None:
    assert verify_language(text, claimed) is None


@pytest.mark.parametrize(
    ("text", "claimed", "detected"),
    [
        (_AZ, "tr", "Azerbaijani (az)"),
        (_RU, "en", "Russian (ru)"),
        (_EN, "az", "English (en)"),
        ("Hello", "ru", "English (en)"),  # another script: clear even when short
    ],
)
def test_verify_language_warns_and_strict_raises(text: str, claimed: str, detected: str) -> None:
    message = verify_language(text, claimed, name="'a.txt'")
    assert message is not None
    assert detected in message and "'a.txt'" in message
    with pytest.raises(
        LanguageMismatchError, match=detected.replace("(", r"\(").replace(")", r"\)")
    ):
        verify_language(text, claimed, strict=True)


_EN_PARAS = [
    "The delegations discussed trade and transport links for most of the morning.",
    "Both sides agreed to meet again before the end of the year in the capital.",
    "A joint statement on energy cooperation is expected to follow next week.",
]
_RU_PARAS = [
    "Делегации большую часть утра обсуждали торговлю и транспортное сообщение.",
    "Стороны договорились снова встретиться в столице до конца года.",
    "Совместное заявление о сотрудничестве в энергетике ожидается на следующей неделе.",
    "Министры также обсудили подготовку нового соглашения о транзите грузов.",
    "Следующий раунд переговоров пройдет осенью, сообщили в министерстве.",
]


def test_verify_language_warns_on_a_text_mixing_two_languages() -> None:
    text = "\n".join(_EN_PARAS) + "\n\n" + "\n".join(_RU_PARAS)
    message = verify_language(text, "ru", name="'a.txt'")
    assert message is not None
    assert "'a.txt' mixes ru and en: paragraphs 1-3 read as English (en)" in message
    with pytest.raises(LanguageMismatchError, match="mixes ru and en"):
        verify_language(text, "ru", strict=True)


def test_one_quoted_paragraph_is_no_mix() -> None:
    text = "\n".join([*_RU_PARAS[:3], _EN_PARAS[0], *_RU_PARAS[3:]])
    assert verify_language(text, "ru", strict=True) is None


def test_verify_language_none_of_four() -> None:
    text = "Die Regierung hat am Montag neue Regeln für den Verkehr in der Stadt beschlossen."
    assert "German" in (verify_language(text, "en") or "")
    with pytest.raises(LanguageMismatchError, match="German"):
        verify_language(text, "en", strict=True)


def test_verify_language_unknown_code() -> None:
    with pytest.raises(UnsupportedLanguageError, match="unknown language 'fr'"):
        verify_language(_EN, "fr")


def test_model_loads_lazily() -> None:
    code = (
        "import sys, aligntext.langid, aligntext.segment, aligntext.cli;"
        "assert aligntext.langid._identifier is None;"
        "assert 'py3langid' not in sys.modules, 'py3langid imported at import time'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- CLI ---------------------------------------------------------------------------------


def test_cli_detect_file_and_scores(cli_runner, tmp_path) -> None:
    from aligntext.cli import cli

    path = tmp_path / "tr.txt"
    path.write_text(SENTENCES[10][1], encoding="utf-8")
    result = cli_runner.invoke(cli, ["detect", str(path)])
    assert result.exit_code == 0 and result.stdout == "tr\n"
    result = cli_runner.invoke(cli, ["detect", str(path), "--scores"])
    lines = result.stdout.splitlines()
    assert lines[0] == "tr" and lines[1].startswith("tr\t") and len(lines) == 5


def test_cli_detect_warns_on_a_mixed_file(cli_runner, tmp_path) -> None:
    from aligntext.cli import cli

    path = tmp_path / "mixed.txt"
    path.write_text("\n".join(_RU_PARAS[:3] + _EN_PARAS), encoding="utf-8")
    result = cli_runner.invoke(cli, ["detect", str(path)])
    assert result.exit_code == 0
    assert "paragraphs 4-6 read as English (en)" in result.stderr
    assert cli_runner.invoke(cli, ["detect", "-q", str(path)]).stderr == ""


def test_cli_detect_stdin(cli_runner) -> None:
    from aligntext.cli import cli

    result = cli_runner.invoke(cli, ["detect", "-"], input=SENTENCES[7][1])
    assert result.exit_code == 0 and result.stdout == "ru\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "missing.txt"),
        (b"", "empty"),
        ("Die Regierung hat am Montag neue Regeln für den Verkehr beschlossen.", "German"),
        ("12 345 678", "no letters"),
    ],
)
def test_cli_detect_bad_input(cli_runner, tmp_path, content, message) -> None:
    from aligntext.cli import cli

    path = tmp_path / "missing.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = cli_runner.invoke(cli, ["detect", str(path)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr


def test_cli_detect_names_the_file_in_another_language(cli_runner, tmp_path) -> None:
    from aligntext.cli import cli

    path = tmp_path / "note.txt"
    path.write_text("Le conseil s'est réuni lundi et a approuvé le budget.\n", encoding="utf-8")
    result = cli_runner.invoke(cli, ["detect", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"aligntext: error: {path}: the text is in none of")
