"""Moodle XML import and export, on a file shaped like Moodle's own export."""

from assessments.formats import gift, moodle_xml

SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/HACCP</text></category></question>
  <question type="multichoice">
    <name><text>CCP</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which step is a <b>critical control point</b>?</p>]]></text></questiontext>
    <generalfeedback format="html"><text>Think of what removes a hazard.</text></generalfeedback>
    <single>true</single>
    <answer fraction="100" format="html"><text>Drying temperature</text>
      <feedback format="html"><text>Right.</text></feedback></answer>
    <answer fraction="0" format="html"><text>Packing list</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Hazards</text></name>
    <questiontext format="html"><text>Which are hazards?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>Bacteria</text></answer>
    <answer fraction="50"><text>Glass</text></answer>
    <answer fraction="-100"><text>A clean table</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Hands</text></name>
    <questiontext><text>Wash your hands first.</text></questiontext>
    <answer fraction="100"><text>true</text><feedback><text>Always.</text></feedback></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>Codex</text></name>
    <questiontext><text>Name the food standards.</text></questiontext>
    <usecase>0</usecase>
    <answer fraction="100"><text>Codex Alimentarius</text></answer>
    <answer fraction="50"><text>Codex</text></answer>
  </question>
  <question type="numerical">
    <name><text>Principles</text></name>
    <questiontext><text>How many principles?</text></questiontext>
    <answer fraction="100"><text>7</text><tolerance>0</tolerance></answer>
  </question>
  <question type="matching">
    <name><text>Documents</text></name>
    <questiontext><text>Match them.</text></questiontext>
    <subquestion><text>Invoice</text><answer><text>the price</text></answer></subquestion>
    <subquestion><text>Packing list</text><answer><text>the weights</text></answer></subquestion>
  </question>
  <question type="essay">
    <name><text>Drying room</text></name>
    <questiontext><text>Describe it.</text></questiontext>
  </question>
</quiz>
"""


def test_reads_moodle_export_and_reports_unsupported():
    result = moodle_xml.parse(SAMPLE.encode())
    kinds = {q["title"]: q["type"] for q in result.questions}
    assert kinds == {
        "CCP": "single_choice",
        "Hazards": "multiple_choice",
        "Hands": "true_false",
        "Codex": "short_text",
        "Principles": "numeric",
        "Documents": "matching",
    }
    assert [(p.number, p.title) for p in result.problems] == [(7, "Drying room")]
    ccp = next(q for q in result.questions if q["title"] == "CCP")
    assert ccp["text"] == "Which step is a critical control point?"
    assert ccp["options"][0]["feedback"] == "Right."
    codex = next(q for q in result.questions if q["title"] == "Codex")
    assert codex["accepted"] == ["Codex Alimentarius"]  # only full-mark answers


def test_round_trip_through_moodle_xml_and_gift():
    first = moodle_xml.parse(SAMPLE).questions
    assert moodle_xml.parse(moodle_xml.dump(first)).questions == first
    via_gift = gift.parse(gift.dump(first)).questions
    assert [q["type"] for q in via_gift] == [q["type"] for q in first]


def test_hostile_or_broken_files_are_refused_with_reasons():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><quiz>&lol;</quiz>'
    )
    assert "DOCTYPE" in moodle_xml.parse(bomb).problems[0].reason
    assert "well-formed" in moodle_xml.parse("<quiz><question>").problems[0].reason
    assert "<quiz>" in moodle_xml.parse("<questions/>").problems[0].reason
