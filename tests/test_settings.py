"""The URL settings (makemore/app/settings.py): every value a link can carry gets a sentence, never a traceback.
Each setting is fed a 400-digit number, one past Python's 4,300-digit int-from-text limit, other scripts' digits,
a character no word list has, 100 kB of text and the empty string, through `settings.problems` and
`settings.parse`; booleans are read as people type them."""

from __future__ import annotations

import pytest

from makemore.app import settings

HOSTILE = {
    "400 digits": "9" * 400,
    "4,301 digits": "1" * 4301,
    "Arabic-Indic digits": "٣٣",
    "fullwidth digits": "３",
    "a character no list has": "[",
    "100 kB of text": "x" * 100_000,
    "the empty string": "",
    "a float overflow": "1e400",
    "not a number": "nan",
    "a digit separator": "1_0",
}


@pytest.mark.parametrize("key", list(settings.SETTINGS))
@pytest.mark.parametrize("what", list(HOSTILE))
def test_every_setting_answers_every_value_in_one_short_line(key, what):
    raw = [HOSTILE[what]]
    said = settings.problems({key: raw})  # never raises
    value = settings.parse(key, raw)
    assert (value is None) == bool(said)
    if said:
        assert len(said) == 1 and said[0].startswith(f"{key}=")
        assert len(said[0]) < 200  # the value is echoed shortened, never 100 kB of it
    elif key == "sched":  # the MLP's schedule: empty is "no schedule"; anything else must parse
        assert raw == [""] and value == ""
    else:  # only text may take these, and only text of its box's length
        assert key in settings.MAX_CHARS and len(raw[0]) <= settings.MAX_CHARS[key] and value == raw[0]


@pytest.mark.parametrize("key", [k for k in settings.SETTINGS if k not in settings.MAX_CHARS])
def test_numbers_and_choices_refuse_every_hostile_value(key):
    for what, value in HOSTILE.items():
        if (key, value) != ("sched", ""):  # an empty schedule is the rate throughout
            assert settings.parse(key, [value]) is None, what


def test_the_years_refuse_huge_and_foreign_digits():
    for bad in (["9" * 400, "2000"], ["1" * 4301, "2000"], ["١٩٥٠", "1951"], ["", ""], ["1950"]):
        assert settings.parse("years", bad) is None and len(settings.problems({"years": bad})[0]) < 200
    assert settings.parse("years", ["1950", "1951"]) == (1950, 1951)


def test_only_ascii_digits_are_digits():
    assert settings.parse("steps", ["٣"]) is None and settings.problems({"steps": ["٣"]})
    assert settings.parse("steps", ["3"]) == 3 and settings.parse("steps", ["0"]) == 0
    assert settings.parse("lr", ["٢٠"]) is None and settings.parse("lr", ["20"]) == 20.0
    assert settings.parse("seed", [str(settings.MAX_SEED)]) == settings.MAX_SEED
    assert settings.parse("seed", [str(settings.MAX_SEED + 1)]) is None
    assert settings.parse("lam", ["1e-3"]) == 0.001 and settings.parse("lam", [".5"]) == 0.5


def test_an_echoed_value_is_shortened_with_its_length():
    said = settings.problems({"seed": ["9" * 400]})[0]
    assert said.startswith("seed=" + "9" * settings.SHOWN_CHARS + "… (400 characters) (")
    assert settings.problems({"lr": ["abc"]}) == ["lr=abc (a number from 1e-06 to 1e+06)"]  # short: as typed


@pytest.mark.parametrize("key", ["lower", "dedupe", "split", "present"])
def test_yes_and_no_as_people_type_them(key):
    for word in ("true", "1", "yes", "on", "TRUE", "Yes", "ON"):
        assert settings.parse(key, [word]) is True and not settings.problems({key: [word]})
    for word in ("false", "0", "no", "off", "False", "NO", "Off"):
        assert settings.parse(key, [word]) is False and not settings.problems({key: [word]})
    for word in ("maybe", "2", "", "y", "true!", "yes" * 1000):
        assert settings.parse(key, [word]) is None
        assert settings.problems({key: [word]})[0].endswith("(true or false)")
    assert settings.url_value(True) == "true"  # the written form is unchanged


def test_text_settings_have_their_boxes_limit():
    # every setting that takes free text has a limit (the one its box's max_chars uses)
    assert {k for k, s in settings.SETTINGS.items() if s.check(["~q"])} == set(settings.MAX_CHARS)
    for key, n in settings.MAX_CHARS.items():
        assert settings.parse(key, ["é" * n]) == "é" * n
        assert settings.parse(key, ["é" * (n + 1)]) is None
        assert settings.problems({key: ["é" * (n + 1)]}) == [
            f"{key}={settings.shorten('é' * (n + 1))} (text of at most {n} characters)"
        ]
    assert settings.MAX_CHARS["word"] == 200 and settings.MAX_CHARS["look"] == 40
    assert settings.MAX_CHARS["ctx"] == settings.MAX_ORDER - 2  # the slice box's limit at the largest order


def test_upload_facts_are_shown_shortened_and_sized_only_when_a_number():
    assert settings.upload_facts("pets.txt", "20") == ("pets.txt", 20)
    for what, value in HOSTILE.items():
        name, size = settings.upload_facts(value, value)
        assert len(name) < 80 and size is None, what
    assert settings.upload_facts(None, None) == ("", None)
