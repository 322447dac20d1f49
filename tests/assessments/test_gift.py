"""GIFT import and export, on a sample written the way Moodle users write it."""

from assessments import grading
from assessments.formats import gift

SAMPLE = """\
// HACCP basics — question bank exported from Moodle
::TF hands::Wash your hands before handling food.{T#Yes: always.}

::Principles count::How many principles does HACCP have?{#7:0}

::CCP::Which step is a critical control point in mushroom drying?{
  =Drying temperature#Right: it removes the hazard.
  ~Packing list#No: that is a document.
  ~Washing the floor
}

::Hazards::Which are food safety hazards? {
  ~%50%Bacteria
  ~%50%Glass splinters
  ~%-100%A clean table
####There are three kinds: biological, chemical and physical.}

::Codex::Name the international food standards.{=Codex Alimentarius =Codex}

::Documents::Match each document to what it shows.{
  =Commercial invoice -> the price
  =Packing list -> the weights
  =Certificate of origin -> where it was made
}

::Essay::Describe your drying room.{}

::Missing word::Oyster mushrooms are {=fungi ~plants} of many kinds.

::Range::A pH below which botulism cannot grow?{#4.5..4.7}

::Escaped::Profit \\= income − costs\\: true?{TRUE}
"""


def test_reads_every_supported_kind_and_reports_the_rest():
    result = gift.parse(SAMPLE)
    kinds = {q["title"]: q["type"] for q in result.questions}
    assert kinds == {
        "TF hands": "true_false",
        "Principles count": "numeric",
        "CCP": "single_choice",
        "Hazards": "multiple_choice",
        "Codex": "short_text",
        "Documents": "matching",
        "Range": "numeric",
        "Escaped": "true_false",
    }
    problems = {p.title: p.reason for p in result.problems}
    assert "essay" in problems["Essay"]
    assert "missing-word" in problems["Missing word"]
    assert [p.number for p in result.problems] == [7, 8]


def test_read_questions_grade_as_expected():
    questions = {q["title"]: q for q in gift.parse(SAMPLE).questions}
    tf = questions["TF hands"]
    assert tf["feedback"] == "Yes: always."
    assert grading.grade_true_false(correct=tf["correct"], answer="true").correct

    ccp = questions["CCP"]
    assert grading.grade_single_choice(correct=ccp["correct"][0], answer="1").correct
    assert ccp["options"][1]["feedback"] == "No: that is a document."

    hazards = questions["Hazards"]
    options = {o["id"] for o in hazards["options"]}
    assert hazards["general_feedback"].startswith("There are three kinds")
    half = grading.grade_multiple_choice(
        correct=set(hazards["correct"]), options=options, answer=["1"]
    )
    assert half.score == 0.5

    rng = questions["Range"]
    assert grading.grade_numeric(
        correct=rng["correct"], tolerance=rng["tolerance"], answer="4,6"
    ).correct
    assert not grading.grade_numeric(
        correct=rng["correct"], tolerance=rng["tolerance"], answer="4.8"
    ).correct

    assert questions["Documents"]["pairs"]["Packing list"] == "the weights"
    assert questions["Escaped"]["text"] == "Profit = income − costs: true?"


def test_round_trip_keeps_every_question():
    first = gift.parse(SAMPLE).questions
    again = gift.parse(gift.dump(first))
    assert again.problems == []
    assert again.questions == first


def test_unreadable_input_is_reported_not_raised():
    result = gift.parse(
        "::Broken::No answers here\n\n::Also::{=}\n\n::Wrong::Pick {~a ~b}"
    )
    assert result.questions == []
    assert len(result.problems) == 3
    assert gift.parse("").questions == []


def test_several_numeric_answers_round_trip():
    result = gift.parse("::Days::How many days?{#=7:0 =%50%6:0}")
    question = result.questions[0]
    assert (question["correct"], question["alternatives"]) == (
        "7",
        [{"correct": "6", "tolerance": "0"}],
    )
    assert gift.parse(gift.dump([question])).questions == [question]
    assert (
        gift.parse("::Bad::How many?{#seven}")
        .problems[0]
        .reason.startswith("not a number")
    )
