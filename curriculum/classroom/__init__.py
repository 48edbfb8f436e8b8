"""The classroom: a learner's answers and a class's results.

``store`` keeps one learner's answers (SQLite; ``progress_file``, ``journal`` and
``progress_rows`` for the file, its journal and its rows), ``recording`` writes answers
into it as they are given, ``progress_model`` reads a learner's progress back, ``export``
defines the file they hand in, ``completion`` is the one rule for "done" and "score",
``results`` reads a class's hand-ins, ``report`` turns them into the class report's
numbers, and ``sample`` makes an invented class to try it on. Drawing any of it is
``curriculum.present``'s job.
"""
