"""Every interface word of the course, in one table: the words that are not content.

Content (a question, an option, a fact) comes from the YAML data. Everything else a
learner or an educator reads — Check, Try again, Not settled, the headings of a handout
or a report — comes from ``MESSAGES`` through ``t``, in the live lesson, on paper and in
the class report alike. One table means the screen and the page cannot word a thing
differently, and it is the one thing a translation has to fill.

Keys are short ids; values are ``str.format`` templates with named fields. A text that
depends on a count has its English plural in ``PLURALS``; ``tn`` lets the language's
catalogue choose the form (``catalogue.py``: gettext, msgctxt the key, msgid the English).
``catalogue_override`` swaps the table for a test (a pseudo-translation shows any word
that bypassed it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from curriculum.course.languages import language

from .catalogue import translations

MESSAGES: dict[str, str] = {
    # -- shared by every activity ------------------------------------------------------
    "check": "Check",
    "try_again": "Try again",
    "save": "Save",
    "source_label": "Source:",
    "source_inline": "source: {link}",
    "answer_key": "Answer key:",
    "made_up_chat": "This chat is made up.",
    "write_here": "Space to write",
    "yes": "Yes",
    "no": "No",
    # -- dates -----------------------------------------------------------------------
    "date_none": "—",
    # -- lesson frame (intro, summary, support, lesson list) ---------------------------
    "intro_label": "About this lesson",
    "intro_time": "Time:",
    "intro_minutes": "about {minutes} minutes",
    "intro_for": "For:",
    "content_note": "Content note.",
    "objectives_heading": "What you will learn",
    "summary_label": "Summary",
    "summary_heading": "Key points",
    "support_heading": "Where to get help",
    "support_service": "Service",
    "support_where": "Where",
    "support_contact": "Contact",
    "support_for": "What it is for",
    "support_in_school": "In school:",
    "lessons_label": "Lessons",
    "lesson_link_minutes": "(about {minutes} minutes)",
    # -- quiz -------------------------------------------------------------------------
    "quiz_instructions_paper": "Read each question. Tick the box next to the answer you "
                               "think is right.",
    "quiz_question": "Question {number}.",
    "quiz_hint_single": "Choose one answer.",
    "quiz_hint_multiple": "Choose all the answers that are right.",
    "quiz_correct": "✓ Correct.",
    "quiz_not_quite": "✗ Not quite.",
    "quiz_missed": "There is {n} more right answer to find.",
    "quiz_why": "Why:",
    "quiz_score": "Score: {score} of {total} correct · {answered} of {total} tried",
    "quiz_progress": "Progress",
    "quiz_check_tip": "Check your answer",
    "quiz_retry_tip": "Clear your answer and try again",
    "quiz_right_answers": "Right answer:",
    "quiz_each_option": "What each answer teaches:",
    # -- timeline ---------------------------------------------------------------------
    "timeline_instructions_paper": "Read the events in order. The numbers on the chart "
                                   "match the numbered list below it.",
    "timeline_category_technology": "Technology",
    "timeline_category_crime": "Crime",
    "timeline_category_enforcement": "Enforcement",
    "timeline_category_law": "Law",
    "timeline_category_research": "Research",
    "timeline_legend": "Each row of the chart is one kind of event, with its own marker "
                       "shape: {items}. Numbers on the chart match the event list.",
    "timeline_show": "Show:",
    "timeline_years": "Years:",
    "timeline_from": "From",
    "timeline_to": "To",
    "timeline_events": "Events",
    "timeline_events_heading": "The events, oldest first",
    "timeline_pick": "Pick an event from the list to read about it.",
    "timeline_count": "{shown} of {total} events shown.",
    "timeline_when": "When:",
    "timeline_category": "Category:",
    "timeline_axis_year": "Year",
    "timeline_seed_check": "Checking the police awareness page:",
    "timeline_hard_to_read": "If this is hard to read:",
    "timeline_talk_now": "you can talk to someone right now.",
    "timeline_more_help": "More help is listed at the end of the lesson.",
    "timeline_chart_none": "Timeline chart: no events match the chosen categories between "
                           "{start} and {end}.",
    "timeline_chart_text": "Timeline chart of {n} events from {start} to {end}: {events}.",
    "timeline_chart_event": "{number}. {date}, {category}: {title}",
    # -- facts ------------------------------------------------------------------------
    # (facts have no interface words of their own: title, instructions, facts, sources)
    # -- scenario ---------------------------------------------------------------------
    "scenario_instructions_paper": "Read the story. At each decision point, tick what the "
                                   "person in the story could do next, and talk about why.",
    "scenario_prompt": "What could they do next?",
    "scenario_decision": "Decision {number}",
    "scenario_good_choice": "✓ Good choice.",
    "scenario_better_choice": "✗ There is a better choice here.",
    "scenario_you_chose": "You chose:",
    "scenario_path": "Your path so far",
    "scenario_back": "Go back one step",
    "scenario_back_tip": "Undo your last choice",
    "scenario_restart": "Start again",
    "scenario_restart_tip": "Go back to the start",
    "scenario_ending_good": "✓ Ending: a good outcome",
    "scenario_ending_okay": "◐ Ending: an okay outcome",
    "scenario_ending_hard": "! Ending: a hard outcome",
    "scenario_message_good": "This path shows a safe way through. You can start again to see "
                             "what the other choices lead to.",
    "scenario_message_okay": "Things turned out okay, but some steps could help more. Start "
                             "again to try another way.",
    "scenario_message_hard": "This path was hard. The person who makes threats is the one "
                             "doing wrong, not the person being threatened. It is never too "
                             "late to get help. Start again to see how other choices can help.",
    "scenario_support": "If this story brings up something for you, talk to someone you "
                        "trust, such as your school social worker or a guidance teacher. The "
                        "help list at the end of the lesson has more people you can contact.",
    "scenario_best": "Best choice.",
    "scenario_leads_to_ending": "leads to the {ending} ending",
    "scenario_leads_to_decision": "leads to decision {number}",
    "scenario_best_path": "Best path:",
    "scenario_endings": "Endings:",
    "scenario_ending_name_good": "good",
    "scenario_ending_name_okay": "okay",
    "scenario_ending_name_hard": "hard",
    # -- red flags --------------------------------------------------------------------
    "redflags_instructions_paper": "Read the chat. Tick the box next to every message that "
                                   "is a warning sign.",
    "redflags_box": "Message {number} is a warning sign",
    "redflags_transcript": "The chat",
    "redflags_message": "Message",
    "redflags_is_flag": "Warning sign?",
    "redflags_check_tip": "See which messages are warning signs",
    "redflags_retry_tip": "Clear your marks and try again",
    "redflags_verdict_spotted": "Warning sign you spotted",
    "redflags_verdict_missed": "Warning sign you missed",
    "redflags_verdict_not_a_flag": "Not a warning sign",
    "redflags_verdict_left": "Correctly left",
    "redflags_key_flag": "A warning sign.",
    "redflags_key_not_flag": "Not a warning sign.",
    "redflags_key_own": "Not for marking: the reader's own side of the chat.",
    "redflags_all_right": "✓ You sorted every message correctly.",
    "redflags_how_each": "Here is how each message rates.",
    "redflags_item": "{symbol} Message {number}: {verdict}.",
    "redflags_score": "Score: {score} of {total} messages right · you spotted {spotted} of "
                      "{flags} warning signs",
    # -- ordering ---------------------------------------------------------------------
    "ordering_instructions_paper": "Put the steps in the right order: write 1 next to the "
                                   "first step, 2 next to the second, and so on.",
    "ordering_move_up": "Move up",
    "ordering_move_down": "Move down",
    "ordering_move_up_tip": "Move “{text}” up",
    "ordering_move_down_tip": "Move “{text}” down",
    "ordering_moved": "Moved “{text}” to place {place}.",
    "ordering_check_tip": "Check your order",
    "ordering_retry_tip": "Hide the answer and change your order",
    "ordering_all_right": "✓ Your order keeps every rule that matters.",
    "ordering_score": "Your order keeps {score} of the {total} rules that matter.",
    "ordering_rule": "“{first}” comes before “{then}”.",
    "ordering_suggested": "One good order",
    "ordering_mixed": "Steps, in mixed order",
    "ordering_blank": "Order (1, 2, 3...)",
    "ordering_blank_for": "blank for step {letter}",
    "ordering_step": "Step",
    "ordering_what": "What to do",
    "ordering_key_rules": "Any order that keeps these rules is right:",
    "ordering_key": "One good order: {letters}.",
    # -- law explorer -----------------------------------------------------------------
    "law_instructions_paper": "Talk about each situation in a small group. Is it against "
                              "the law in Hong Kong? Who is to blame? Write down your ideas.",
    "law_not_legal_advice": "General information, not legal advice.",
    "law_situation": "Situation:",
    "law_pick": "Choose a situation to see what the law says.",
    "law_plain": "In plain words:",
    "law_table_caption": "What the law says about this situation",
    "law_offence": "Offence",
    "law_ordinance": "Ordinance",
    "law_section": "Section",
    "law_penalty": "Maximum penalty",
    "law_in_force": "In force from",
    "law_status": "Status",
    "law_source": "Source",
    "law_status_in_force": "✓ In force",
    "law_status_unresolved": "⚠ Unresolved",
    "law_status_not_an_offence": "Not an offence",
    "law_status_no_offence_in_force": "No offence in force",
    "law_penalty_none_not_crime": "None: this is not a crime",
    "law_penalty_none_in_force": "None in force",
    "law_penalty_not_settled": "Not settled",
    "law_penalty_unsettled_mark": "(not settled)",
    "law_caveat": "⚠ Not settled: {text}",
    "law_situations_caption": "Situations to discuss",
    "law_think": "What do you think the law says?",
    # -- reflection -------------------------------------------------------------------
    "reflection_privacy": "Your privacy.",
    "reflection_placeholder": "Write your answer here",
    "reflection_answer": "Answer {number}",
    "reflection_save_tip": "Save your answers",
    "reflection_saved": "✓ Saved",
    "reflection_unsaved": "Changes not saved yet.",
    # -- saving answers (shown whenever a save fails, every time) -----------------------
    "not_saved_answer": "⚠ Not saved: {reason}. Your answer was checked, but it was not "
                        "kept. Tell your teacher.",
    "not_saved_choice": "⚠ Not saved: {reason}. You can go on, but your choices are not kept. "
                        "Tell your teacher.",
    "not_saved_reflection": "⚠ Not saved: {reason}. What you wrote is still in the boxes, but "
                            "it was not kept. Tell your teacher.",
    "file_problem_full": "the disk is full",
    "file_problem_read_only": "the folder for your answers cannot be written to",
    "file_problem_damaged": "your progress file is damaged or is not a progress file",
    "file_problem_busy": "your progress file is in use by another program",
    "file_problem_newer": "your progress file was made by a newer version of the course",
    "file_problem_other": "your progress file cannot be used",
    # -- My progress ------------------------------------------------------------------
    "progress_heading": "My progress",
    "progress_intro": "Your answers are saved only on this computer, under a made-up name. "
                      "You can change the name below. Use {command} to hand them in.",
    "progress_intro_hub": "Your answers are saved under a made-up name, in your own folder on the "
                          "school's server; other students cannot see them. You can change the name "
                          "below. Press Hand in to give your teacher a copy.",
    "progress_name": "Your name here",
    "progress_save_name": "Save name",
    "progress_save_name_tip": "Save this made-up name",
    "progress_refresh": "Refresh",
    "progress_refresh_tip": "Read your answers again",
    "progress_name_note": "Use a made-up name, not your real one.",
    "progress_saved_name": "Saved. Your name here is {name}.",
    "progress_name_not_saved": "⚠ Name not saved: {reason}. Tell your teacher.",
    "progress_read_failed": "⚠ Your progress cannot be shown: {reason}. Tell your teacher.",
    "progress_damaged": "⚠ One entry in your progress file is damaged and is not used "
                        "here. Tell your teacher.",
    "progress_hand_in": "Hand in",
    "progress_hand_in_tip": "Put a copy of your answers in your teacher's drop-box",
    "progress_handed_in": "Handed in: your teacher now has a copy of your answers ({file}).",
    "progress_chart_label": "Chart of your progress",
    "progress_chart_title": "Your progress per lesson",
    "progress_table_caption": "Your progress per lesson",
    "progress_lesson": "Lesson",
    "progress_tried": "Tried",
    "progress_tried_of": "{tried} of {units}",
    "progress_completion": "Completion",
    "progress_score": "Score (latest answers right)",
    "progress_score_short": "Score",
    "progress_percent": "Percent",
    "progress_none": "–",
    "progress_paper_note": "In the live lesson, your own progress is shown here. It is not "
                           "part of the printed handout.",
    # -- handouts ---------------------------------------------------------------------
    "handout_student": "Student worksheet",
    "handout_educator": "Educator guide",
    "handout_title": "{title}: {kind}",
    "handout_banner_educator": "{kind}: contains the answer key. Do not give it to students.",
    "handout_sources": "Sources",
    "educator_heading": "For the educator",
    "educator_intro": "This guide holds the answer key and notes for running the lesson. Do "
                      "not hand it to students.",
    "educator_plan": "Lesson plan: {minutes} minutes, for a {period}-minute period",
    "educator_extensions": "Steps marked Extension add {minutes} minutes, for a longer lesson "
                           "or a second period.",
    "educator_extension": "Extension:",
    "educator_before_course": "Before the course",
    "educator_every_lesson": "In every lesson",
    "educator_image_incident": "If an image is shared at school",
    "educator_reporting_duty": "Your duty to report",
    "educator_this_lesson": "In this lesson",
    "educator_timings": "Timings",
    "educator_time": "Time",
    "educator_what": "What to do",
    "educator_minutes": "{minutes} min",
    "educator_prompts": "Discussion prompts",
    "educator_questions": "Questions students may ask",
    "educator_safeguarding": "Safeguarding",
    "educator_script_opening": "Read aloud at the start",
    "educator_script_close": "Read aloud at the end",
    "educator_script_lead": "Say:",
    "educator_no_computers": "No computers?",
    "educator_second_language": "S1 and second-language classes",
    "educator_glossary": "Words to teach first",
    "glossary_meaning": "What it means",
    "glossary_lang_en": "English",
    "glossary_lang_zh_Hant_HK": "Chinese",
    "kit_heading": "The teacher's kit",
    "kit_intro": "Pages to print and keep at hand. In the built handouts each is a file of its "
                 "own in the kit folder beside this guide.",
    "kit_kind": "Teacher's kit",
    "kit_banner": "Teacher's kit: for the teacher, not for students.",
    # -- class report -----------------------------------------------------------------
    "report_title": "Class report: {title}",
    "report_note": "Learners are shown only by the made-up names they chose. “Right first "
                   "time” counts each learner's first answer to a question.",
    "report_percent": "{percent}%",
    "report_completion_heading": "Completion",
    "report_completion_chart": "Average completion per lesson",
    "report_completion_axis": "Percent of the lesson tried",
    "report_learners_caption": "Learners and completion per lesson",
    "report_learner": "Learner (pseudonym)",
    "report_learner_cell": "{tried} tried, {score} right",
    "report_questions_heading": "Questions",
    "report_questions_chart_label": "Share right per question",
    "report_questions_chart": "Share right first time (hardest {n} first)",
    "report_questions_axis": "Percent of learners right at the first try",
    "report_questions_caption": "Questions, hardest first",
    "report_question": "Question",
    "report_lesson": "Lesson",
    "report_answered": "Learners who answered",
    "report_right_first": "Right first time",
    "report_wrong_heading": "Wrong answers to go over",
    "report_wrong_caption": "Most common wrong answers, with the explanation to go over",
    "report_wrong_given": "Wrong answers given",
    "report_explanation": "Explanation",
    "report_wrong_times": "{answer} — {n} time",
    "report_no_answer": "(no answer)",
    "report_no_explanation": "(no explanation in the course content)",
    "report_no_wrong": "No wrong answers were handed in.",
    "report_private": "{n} reflection answer was included by a learner; reflections are "
                      "never shown in this report.",
    "report_files_heading": "Files",
    "report_files_read": "{files} file(s) read, {learners} learner(s) counted.",
    "report_skipped_heading": "Files skipped",
    "report_replaced_heading": "Older hand-ins replaced by a later one from the same learner",
    "report_folder": "Results folder",
    "report_lesson_filter": "Lesson",
    "report_all_lessons": "All lessons",
    "report_show": "Show report",
    "report_sample": "Try with sample data",
    "report_sample_tip": "Make 30 invented learners in a temporary folder",
    "report_no_folder": "No results yet: there is no folder {folder}. Put the files learners "
                        "hand in ({command}) into one folder and type its path above, or try "
                        "the sample data.",
    "report_no_valid": "No valid results file in {folder} yet.",
    "report_unreadable": "You cannot open {folder}: on the school's hub only your teacher can "
                         "read the hand-ins. This notebook is for teachers.",
    "report_account": "Account",
    "report_identity_owner": "Each hand-in is counted for the school account that owns its file "
                             "in the drop-box. A file whose owner and name disagree is listed "
                             "under Files skipped and not counted.",
    "report_identity_folder": "Each hand-in is counted for the student whose own drop-box "
                              "folder holds it. A file outside a student's folder is listed "
                              "under Files skipped and not counted.",
    "report_identity_file": "These files were collected by hand: each learner is shown as their "
                            "file names them. This report cannot check who made each file.",
    "report_account_unknown": "(not checked)",
}


# The English plural of each text that depends on a count (its singular is in MESSAGES).
PLURALS: dict[str, str] = {
    "source_label": "Sources:",
    "quiz_missed": "There are {n} more right answers to find.",
    "progress_damaged": "⚠ {n} entries in your progress file are damaged and are not "
                        "used here. Tell your teacher.",
    "report_wrong_times": "{answer} — {n} times",
    "report_private": "{n} reflection answers were included by learners; reflections "
                      "are never shown in this report.",
}


# The table in use: MESSAGES, or one swapped in by catalogue_override. A ContextVar like the
# language, so an override in one thread (a test, a pseudo-translation) never reaches another.
_active: ContextVar[Mapping[str, str]] = ContextVar("curriculum_interface_table", default=MESSAGES)


def template(key: str, n: int | None = None) -> str:
    """The raw template for ``key`` in the language in use, fields unfilled; with ``n``, the
    form for that count, as the language's catalogue counts (English: 1, or more).

    English where the catalogue has no current translation (missing, or made from other
    English). A table swapped in by ``catalogue_override`` has one text for every count.
    """
    table = _active.get()
    try:
        english = table[key]
    except KeyError:
        raise KeyError(f"no interface text {key!r} in curriculum/present/strings.py") from None
    if table is not MESSAGES:
        return english
    words = translations(language())
    if n is None:
        return words.pgettext(key, english)
    if key not in PLURALS:
        raise KeyError(f"no plural of interface text {key!r} in PLURALS "
                       "(curriculum/present/strings.py)")
    return words.npgettext(key, english, PLURALS[key], n)


def t(key: str, **values: object) -> str:
    """The interface text for ``key``, with ``values`` filled in."""
    text = template(key)
    return text.format(**values) if values else text


def tn(key: str, n: int, **values: object) -> str:
    """The interface text for ``key`` in the form for ``n``, with ``n`` and ``values`` filled in."""
    return template(key, n).format(n=n, **values)


@contextmanager
def catalogue_override(messages: Mapping[str, str]) -> Iterator[None]:
    """Use ``messages`` instead of the table inside the block (tests, translations)."""
    token = _active.set(messages)
    try:
        yield
    finally:
        _active.reset(token)
