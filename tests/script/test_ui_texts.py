"""script/ui_texts.py: what a screen must show in a language, and what it never may.

The steps below are shaped as the frontend holds them (the flow API's
answer); the texts as the browser reads them from a page.
"""

from typing import Any

from .loader import load_script

texts = load_script("ui_texts")

ENGLISH: dict[str, Any] = {
    "config": {
        "step": {
            "user": {
                "title": "Add a bus",
                "menu_options": {"owserver": "1-Wire bus", "openwebnet": "MyHOME bus"},
            },
            "owserver": {
                "description": "Enter the address of {name}.",
                "data": {"host": "Host", "port": "Port"},
                "data_description": {"host": "Host name or **IP** address."},
            },
        },
        "error": {"cannot_connect": "Failed to connect"},
    },
    "options": {
        "step": {
            "precision": {
                "data": {"precision": "Resolution", "sessions": "Command sessions"}
            }
        }
    },
    "selector": {"precision": {"options": {"9": "9 bits", "12": "12 bits"}}},
    "device": {"light_point": {"name": "Light {where}"}},
    "entity": {"sensor": {"structure_value": {"name": "{attribute}"}}},
    "issues": {
        "sessions": {
            "title": "{name} has no free session",
            "description": "Only {granted} of {asked} sessions opened.",
        }
    },
}
ITALIAN: dict[str, Any] = {
    "config": {
        "step": {
            "user": {
                "title": "Aggiungi un bus",
                "menu_options": {"owserver": "Bus 1-Wire", "openwebnet": "Bus MyHOME"},
            },
            "owserver": {
                "description": "Inserisci l'indirizzo di {name}.",
                "data": {"host": "Host", "port": "Porta"},
                "data_description": {"host": "Nome host o indirizzo **IP**."},
            },
        },
        "error": {"cannot_connect": "Impossibile connettersi"},
    },
    "options": {
        "step": {
            "precision": {
                "data": {"precision": "Risoluzione", "sessions": "Sessioni di comando"}
            }
        }
    },
    "selector": {"precision": {"options": {"9": "9 bit", "12": "12 bit"}}},
    "device": {"light_point": {"name": "Luce {where}"}},
    "entity": {"sensor": {"structure_value": {"name": "{attribute}"}}},
    "issues": {
        "sessions": {
            "title": "{name} non ha sessioni libere",
            "description": "Aperte solo {granted} sessioni su {asked}.",
        }
    },
}
ISSUE = {
    "domain": "onewire_own",
    "issue_id": "sessions_01ABC",
    "translation_key": "sessions",
    "translation_placeholders": {"name": "MH200N", "granted": "0", "asked": "2"},
}
MENU = {"type": "menu", "step_id": "user", "menu_options": ["owserver", "openwebnet"]}
FORM = {
    "type": "form",
    "step_id": "owserver",
    "data_schema": [
        {"type": "string", "name": "host", "required": True},
        {"type": "integer", "name": "port", "required": True, "default": 4304},
    ],
    "errors": {"base": "cannot_connect"},
    "description_placeholders": {"name": "owserver 10.0.0.2"},
}
PRECISION_FORM = {
    "type": "form",
    "step_id": "precision",
    "data_schema": [
        {
            "name": "precision",
            "required": True,
            "selector": {
                "select": {"options": ["9", "12"], "translation_key": "precision"}
            },
        },
        {
            "name": "sessions",
            "required": True,
            "selector": {
                "number": {"min": 1, "max": 4, "unit_of_measurement": "sessions"}
            },
        },
    ],
}


def test_a_menu_must_show_its_title_and_every_option_in_the_language() -> None:
    expected, problems = texts.step_texts(ITALIAN, ENGLISH, "config", MENU)

    assert problems == []
    assert [(e.key, e.text) for e in expected] == [
        ("config.step.user.title", "Aggiungi un bus"),
        ("config.step.user.menu_options.owserver", "Bus 1-Wire"),
        ("config.step.user.menu_options.openwebnet", "Bus MyHOME"),
    ]


def test_a_form_must_show_its_filled_description_labels_hints_and_errors() -> None:
    expected, problems = texts.step_texts(ITALIAN, ENGLISH, "config", FORM)

    assert problems == []
    assert {e.text for e in expected} == {
        "Inserisci l'indirizzo di owserver 10.0.0.2.",
        "Host",
        "Porta",
        "Nome host o indirizzo **IP**.",
        "Impossibile connettersi",
    }


def test_an_issue_must_show_its_title_and_description_filled_in_the_language() -> None:
    expected, problems = texts.issue_texts(ITALIAN, ENGLISH, ISSUE)

    assert problems == []
    assert [(e.key, e.text) for e in expected] == [
        ("issues.sessions.title", "MH200N non ha sessioni libere"),
        ("issues.sessions.description", "Aperte solo 0 sessioni su 2."),
    ]


def test_an_issue_the_language_or_every_language_lacks_is_a_problem() -> None:
    _, untranslated = texts.issue_texts({}, ENGLISH, ISSUE, parts=["title"])
    _, unknown = texts.issue_texts(ENGLISH, ENGLISH, {"issue_id": "other"})

    assert untranslated == ["issues.sessions.title is in en.json but not translated"]
    assert unknown == [
        "issues.other.title has no text: the raw key is shown",
        "issues.other.description has no text: the raw key is shown",
    ]


def test_a_text_english_has_but_the_language_lacks_is_a_problem() -> None:
    italian = {**ITALIAN, "config": {**ITALIAN["config"], "error": {}}}

    _, problems = texts.step_texts(italian, ENGLISH, "config", FORM)

    assert problems == ["config.error.cannot_connect is in en.json but not translated"]


def test_a_menu_option_without_any_text_shows_its_raw_name() -> None:
    step = {**MENU, "menu_options": ["owserver", "usb"]}

    _, problems = texts.step_texts(ENGLISH, ENGLISH, "config", step)

    assert problems == [
        "config.step.user.menu_options.usb has no text: the raw name is shown"
    ]


def test_select_options_with_a_translation_key_must_be_translated() -> None:
    expected, _ = texts.step_texts(ITALIAN, ENGLISH, "options", PRECISION_FORM)

    assert {"9 bit", "12 bit"} <= {e.text for e in expected}


def test_a_unit_that_is_an_english_word_is_a_problem_in_other_languages_only() -> None:
    _, italian_problems = texts.step_texts(ITALIAN, ENGLISH, "options", PRECISION_FORM)
    _, english_problems = texts.step_texts(ENGLISH, ENGLISH, "options", PRECISION_FORM)

    assert italian_problems == [
        "sessions: unit 'sessions' is shown untranslated "
        "(the number selector has no translation_key)"
    ]
    assert english_problems == []


def test_a_unit_with_a_translation_key_is_expected_in_its_translation() -> None:
    step = {
        **PRECISION_FORM,
        "data_schema": [
            {
                "name": "sessions",
                "required": True,
                "selector": {
                    "number": {
                        "unit_of_measurement": "sessions",
                        "translation_key": "sessions",
                    }
                },
            }
        ],
    }
    italian = {
        **ITALIAN,
        "selector": {"sessions": {"unit_of_measurement": {"sessions": "sessioni"}}},
    }

    expected, problems = texts.step_texts(italian, ENGLISH, "options", step)

    assert problems == []
    assert "sessioni" in {e.text for e in expected}


def test_symbol_units_are_not_words() -> None:
    assert texts.word_unit({"unit_of_measurement": "ms"}) is None
    assert texts.word_unit({"unit_of_measurement": "kWh"}) is None
    assert texts.word_unit({"unit_of_measurement": "sessions"}) == "sessions"


def test_expected_texts_are_found_whatever_markdown_and_line_breaks_did() -> None:
    expected = [texts.Expected("k", "Lower **Connections to owserver** in `options`.")]
    shown = ["Lower ", "Connections to", " owserver", " in ", "options", "."]

    assert texts.missing_texts(expected, shown) == []


def test_an_expected_text_the_page_lacks_is_reported_with_its_key() -> None:
    expected = [texts.Expected("config.step.user.title", "Aggiungi un bus")]

    assert texts.missing_texts(expected, ["Add a bus"]) == [
        "config.step.user.title: 'Aggiungi un bus' not shown"
    ]


def test_raw_keys_references_and_unfilled_placeholders_are_defects() -> None:
    shown = [
        "component.onewire_own.config.step.user.title",
        "[%key:common::config_flow::data::host%]",
        "Do you want to add the owserver at {host}:4304?",
        "All fine here",
    ]

    assert texts.defects(shown) == [
        "untranslated key shown: component.onewire_own.config.step.user.title",
        "unresolved reference shown: '[%key:common::config_flow::data::host%]'",
        "placeholder {host} not filled in "
        "'Do you want to add the owserver at {host}:4304?'",
    ]


def test_english_left_in_another_language_is_a_defect() -> None:
    leftovers = texts.english_leftovers(ENGLISH, ITALIAN)

    assert texts.defects(["Light 13", "Luce 13", "Lightning"], leftovers) == [
        "English text left in: 'Light 13' (device.light_point.name)"
    ]


def test_an_english_text_left_in_is_named_by_its_own_key_not_by_a_look_alike() -> None:
    english = {**ENGLISH, "options": {"step": {"group": {"title": "Light groups"}}}}
    leftovers = texts.english_leftovers(english, ITALIAN)

    # "Light {where}" would match "Light groups" too.
    assert texts.defects(["Light groups"], leftovers) == [
        "English text left in: 'Light groups' (options.step.group.title)"
    ]


def test_a_required_field_label_left_in_english_is_found_despite_its_star() -> None:
    leftovers = texts.english_leftovers(ENGLISH, ITALIAN)

    assert texts.defects(["Command sessions*", "Sessioni di comando*"], leftovers) == [
        "English text left in: 'Command sessions*' "
        "(options.step.precision.data.sessions)"
    ]


def test_a_text_the_language_lacks_is_shown_in_english_so_it_is_a_leftover() -> None:
    italian = {**ITALIAN, "device": {}}

    leftovers = texts.english_leftovers(ENGLISH, italian)

    assert texts.defects(["Light 13"], leftovers) == [
        "English text left in: 'Light 13' (device.light_point.name)"
    ]


def test_texts_equal_in_both_languages_or_made_of_placeholders_are_no_leftovers() -> (
    None
):
    keys = {key for key, _ in texts.english_leftovers(ENGLISH, ITALIAN)}

    assert "config.step.owserver.data.host" not in keys  # "Host" in both
    assert "entity.sensor.structure_value.name" not in keys  # "{attribute}"
    assert "device.light_point.name" in keys


def test_the_shipped_italian_has_every_text_of_the_owserver_step() -> None:
    english = texts.load_translations("en")
    italian = texts.load_translations("it")
    step = {**FORM, "errors": {}, "description_placeholders": None}

    expected, problems = texts.step_texts(italian, english, "config", step)

    assert problems == []
    assert "Porta" in {e.text for e in expected}
