"""What the workflow announces: each step taken on a report, once its history entry is written, inside
the step's transaction (a step refused later leaves nothing behind). The notices app listens and
tells whom it concerns; reports knows nothing of notices."""

from django.dispatch import Signal

# sent with `event`: the ReportEvent just recorded (its action, report, actor and comment)
report_step_taken = Signal()
