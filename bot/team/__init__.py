"""The village-team domain, used by the chat handlers and the scheduler alike (never by channels).

- :mod:`bot.team.periods`  reporting periods and deadlines (pure)
- :mod:`bot.team.roles`    who may do what where: a role plus the unit it applies to
- :mod:`bot.team.roster`   roster import (CSV / XLSX)
- :mod:`bot.team.invites`  one-time invite codes
- :mod:`bot.team.reports`  which period is owed, value checks, the one-message example
- :mod:`bot.team.tasks`    dated tasks from config.yaml and from leaders
- :mod:`bot.team.digest`   collect → summary → text; :mod:`bot.team.render` chart and workbook
"""
