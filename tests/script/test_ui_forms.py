"""script/ui_forms.py: what the browser walk enters in a form, and how it checks it.

The steps below are the integration's own, as the frontend held them in a
run of script/ui_check (the flow API's answer).
"""

from typing import Any

import pytest

from .loader import load_script

forms = load_script("ui_forms")

GROUP_STEP: dict[str, Any] = {
    "type": "form",
    "step_id": "gateway_light_group",
    "data_schema": [
        {
            "name": "group",
            "required": True,
            "selector": {
                "select": {"options": [], "custom_value": True, "mode": "dropdown"}
            },
        }
    ],
}
LOCKS_STEP: dict[str, Any] = {
    "type": "form",
    "step_id": "gateway_locks",
    "data_schema": [
        {
            "name": "actuator_locks",
            "required": False,
            "optional": True,
            "default": [],
            "selector": {
                "select": {
                    "options": ["0015", "11", "12"],
                    "multiple": True,
                    "custom_value": True,
                    "mode": "dropdown",
                }
            },
        }
    ],
}
ALARM_STEP: dict[str, Any] = {
    "type": "form",
    "step_id": "gateway_alarm",
    "data_schema": [
        {
            "name": "arm_away_aux",
            "type": "integer",
            "required": False,
            "optional": True,
            "description": {"suggested_value": None},
            "selector": {"number": {"min": 1, "max": 9, "step": 1, "mode": "box"}},
        },
        {
            "name": "arm_away_command",
            "required": True,
            "default": "on",
            "selector": {
                "select": {
                    "options": ["on", "off"],
                    "translation_key": "aux_command",
                    "mode": "list",
                }
            },
        },
        {
            "name": "code",
            "required": False,
            "optional": True,
            "description": {"suggested_value": None},
            "selector": {"text": {"type": "password"}},
        },
    ],
}
OWSERVER_STEP: dict[str, Any] = {
    "type": "form",
    "step_id": "owserver",
    "data_schema": [
        {
            "name": "poll_interval",
            "required": True,
            "default": 30,
            "selector": {"number": {"min": 1, "max": 3600, "mode": "box"}},
        },
        {
            "name": "simultaneous",
            "required": True,
            "default": True,
            "selector": {"boolean": {}},
        },
        {
            "name": "devices",
            "required": False,
            "optional": True,
            "default": [],
            "selector": {
                "select": {
                    "options": [
                        {"value": "10.67C6697351FF", "label": "10.67C6697351FF"},
                        {"value": "28.4AEC29CDBAAB", "label": "Cellar"},
                    ],
                    "multiple": True,
                    "mode": "dropdown",
                }
            },
        },
    ],
}
CONFIG_STEP: dict[str, Any] = {
    "type": "form",
    "step_id": "openwebnet",
    "data_schema": [
        {"type": "string", "name": "host", "required": True},
        {
            "type": "integer",
            "name": "port",
            "required": True,
            "default": 20000,
            "valueMin": 1,
            "valueMax": 65535,
        },
        {"type": "string", "name": "password", "optional": True, "required": False},
    ],
}


def test_fields_already_filled_keep_their_value_and_empty_ones_get_the_fields_own() -> (
    None
):
    planned = forms.plan_answers(OWSERVER_STEP, {})

    # 30 s and the ticked switch stay; the empty device list gets its first device.
    assert planned == {"devices": ["10.67C6697351FF"]}


def test_an_optional_number_gets_its_minimum_and_an_optional_password_stays_empty() -> (
    None
):
    planned = forms.plan_answers(ALARM_STEP, {})

    assert planned == {"arm_away_aux": 1}


def test_a_required_text_gets_a_recognisable_value_and_a_default_port_stays() -> None:
    assert forms.plan_answers(CONFIG_STEP, {}) == {"host": "ui-check"}


def test_the_walks_answers_win_over_defaults_and_reach_optional_fields() -> None:
    planned = forms.plan_answers(
        ALARM_STEP, {"arm_away_aux": 4, "arm_away_command": "off", "code": "12345"}
    )

    assert planned == {"arm_away_aux": 4, "arm_away_command": "off", "code": "12345"}


def test_an_answer_can_choose_among_the_fields_options() -> None:
    planned = forms.plan_answers(
        OWSERVER_STEP,
        {"devices": lambda options: [o for o in options if o.startswith("28.")]},
    )

    assert planned == {"devices": ["28.4AEC29CDBAAB"]}


def test_a_custom_value_select_with_no_option_needs_the_walk_to_say_what_to_type() -> (
    None
):
    with pytest.raises(forms.FormError, match="group: the select offers no option"):
        forms.plan_answers(GROUP_STEP, {})

    assert forms.plan_answers(GROUP_STEP, {"group": "1"}) == {"group": "1"}


def test_a_custom_value_may_be_typed_next_to_an_offered_one() -> None:
    planned = forms.plan_answers(
        LOCKS_STEP, {"actuator_locks": lambda options: [options[0], "15"]}
    )

    assert planned == {"actuator_locks": ["0015", "15"]}


def test_a_value_a_plain_select_does_not_offer_is_refused_before_the_browser_tries() -> (
    None
):
    with pytest.raises(forms.FormError, match=r"\['sometimes'\] not among"):
        forms.plan_answers(ALARM_STEP, {"arm_away_command": "sometimes"})


def test_fields_inside_sections_are_planned_too() -> None:
    step = {
        "data_schema": [
            {
                "type": "expandable",
                "name": "advanced",
                "schema": GROUP_STEP["data_schema"],
            }
        ]
    }

    assert forms.plan_answers(step, {"group": "3#4#01"}) == {"group": "3#4#01"}


def test_an_option_is_searched_by_its_label_unless_the_language_file_has_it() -> None:
    devices = OWSERVER_STEP["data_schema"][2]
    command = ALARM_STEP["data_schema"][1]
    plain = {"type": "select", "name": "x", "options": [["a", "Alpha"], ["b", "Beta"]]}

    assert forms.option_label(devices, "28.4AEC29CDBAAB") == "Cellar"
    assert forms.option_label(command, "on") is None
    assert forms.option_label(plain, "b") == "Beta"
    assert forms.option_label(LOCKS_STEP["data_schema"][0], "11") == "11"


def test_what_the_form_holds_is_compared_as_each_kind_of_field_holds_it() -> None:
    planned = {"arm_away_aux": 4, "arm_away_command": "off", "code": "12345"}
    data = {"arm_away_aux": 4.0, "arm_away_command": "off", "code": "12345"}

    assert forms.unheld(ALARM_STEP, planned, data) == []
    assert forms.unheld(ALARM_STEP, planned, {**data, "arm_away_aux": None}) == [
        "arm_away_aux: entered 4 but the form holds None"
    ]


def test_a_multiple_select_holds_every_value_ticked_besides_those_it_had() -> None:
    planned = {"actuator_locks": ["0015", "15"]}

    assert (
        forms.unheld(LOCKS_STEP, planned, {"actuator_locks": ["11", "0015", "15"]})
        == []
    )
    assert forms.unheld(LOCKS_STEP, planned, {"actuator_locks": ["0015"]}) == [
        "actuator_locks: entered ['0015', '15'] but the form holds ['0015']"
    ]


def test_a_switch_holds_a_boolean_not_a_truthy_text() -> None:
    planned = {"simultaneous": False}

    assert forms.unheld(OWSERVER_STEP, planned, {"simultaneous": False}) == []
    assert forms.unheld(OWSERVER_STEP, planned, {"simultaneous": ""}) != []


def test_numbers_are_typed_as_a_person_types_them() -> None:
    assert forms.number_text(4.0) == "4"
    assert forms.number_text(25.5) == "25.5"
    assert forms.number_text(60) == "60"


def test_kinds_come_from_the_selector_or_the_plain_schema_type() -> None:
    kinds = [
        forms.field_kind(field)
        for step in (OWSERVER_STEP, ALARM_STEP, CONFIG_STEP)
        for field in forms.fields_of(step)
    ]

    assert kinds == [
        "number",
        "boolean",
        "multi_select",
        "number",
        "select",
        "text",
        "text",
        "number",
        "text",
    ]
