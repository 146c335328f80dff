"""Screens of the organiser's app: the control room and its dialogs."""

from drill.tui.screens.control_room import ControlRoom
from drill.tui.screens.help import HelpScreen
from drill.tui.screens.picker import Pick, PickerScreen
from drill.tui.screens.plan_setup import PlanSetupScreen

__all__ = ["ControlRoom", "HelpScreen", "Pick", "PickerScreen", "PlanSetupScreen"]
