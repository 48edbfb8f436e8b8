"""The classroom: a learner's answers and a class's results.

``store`` keeps one learner's answers (SQLite), ``export`` defines the file they hand in,
``completion`` is the one rule for "done" and "score", ``results`` reads a class's
hand-ins, ``report`` turns them into the class report's numbers, and ``sample`` makes an
invented class to try it on. Drawing any of it is ``curriculum.present``'s job.
"""
