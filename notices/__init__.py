"""Reminders and notices (提醒与通知): what the portal tells people, over which channel, exactly once.

- models: Notice (one message to one recipient over one channel, with its delivery state),
  Reminder (which obligation a notice reminded of, on which occasion: the uniqueness that makes a
  reminder go out once), Urge (催办);
- reminders: what a day's job sends, from the obligations;
- events: who hears of a report's submission, return, approval or correction;
- delivery: sending a notice by e-mail or to a work-group robot, claimed so that it goes once.
"""
