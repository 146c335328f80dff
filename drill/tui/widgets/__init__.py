"""Panels of the control room, each fed a Simulation from above ("attributes down").

They are reusable by other front ends (the trainee app): give them a
Simulation and call ``show(sim)`` whenever it has moved.
"""

from drill.tui.widgets.clock_bar import ClockBar
from drill.tui.widgets.event_log import EventBuffer, EventLog
from drill.tui.widgets.infrastructure import InfrastructurePanel
from drill.tui.widgets.objectives import ObjectivesPanel
from drill.tui.widgets.tasks_board import TasksBoard
from drill.tui.widgets.upcoming import UpcomingInjects
from drill.tui.widgets.why_panel import WhyPanel

__all__ = ["ClockBar", "EventBuffer", "EventLog", "InfrastructurePanel", "ObjectivesPanel", "TasksBoard", "UpcomingInjects", "WhyPanel"]
