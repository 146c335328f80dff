"""YAML in, model or errors out.  The only place that sees raw YAML."""

from drill.loading.plans import load_plan, load_plan_text
from drill.loading.samples import default_scenario_path, sample_dirs
from drill.loading.scenarios import load_document, load_scenario, parse_start

__all__ = ["default_scenario_path", "load_document", "load_plan", "load_plan_text",
           "load_scenario", "parse_start", "sample_dirs"]
