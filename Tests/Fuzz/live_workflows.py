"""Aims generated trigger, status and cancel requests at workflows that exist.

Schemathesis generates workflow ids and tokens at random, so on its own every trigger, status and cancel ends at
401 or 404. This pool keeps the workflows the run's own `init` requests created (id, token, plan) and points most
later requests at one of them: the engine's paths past authentication (a blocked action, an unknown app of a real
workflow, a running action, a canceled workflow, long-polls) get fuzzed too. The other fields stay as generated.
"""

import random

# The share of requests aimed at a real workflow, and at one of its real actions.
AIM_SHARE = 0.75
# A long-poll on a real workflow waits up to the request budget (8 s) when nothing changes.
MOST_WAIT_MS = 200
POOL_SIZE = 20


class LiveWorkflows:
    def __init__(self, seed):
        self.random = random.Random(seed)
        self.workflows = []  # (workflowId, token, [(app, action), …])

    def record(self, response):
        """Keeps the workflow a 201 `init` answer created."""
        try:
            body = response.json()
            actions = [(app["id"], action["id"]) for app in body["apps"] for action in app["actions"]]
            self.workflows.append((body["workflowId"], body["token"], actions))
        except (ValueError, KeyError, TypeError):
            return  # A malformed 201 is the response checks' business.
        del self.workflows[:-POOL_SIZE]

    def aim(self, case):
        """Points a generated trigger, status or cancel body at a real workflow, with its token."""
        body = case.body
        if not self.workflows or not isinstance(body, dict) or body.get("mode") not in ("trigger", "status", "cancel"):
            return
        if self.random.random() >= AIM_SHARE:
            return
        workflow_id, token, actions = self.random.choice(self.workflows)
        body["workflowId"] = workflow_id
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
        if "app" in body and "action" in body and actions and self.random.random() < AIM_SHARE:
            body["app"], body["action"] = self.random.choice(actions)
        wait = body.get("waitMs")
        if isinstance(wait, int) and not isinstance(wait, bool) and wait > MOST_WAIT_MS:
            body["waitMs"] = wait % (MOST_WAIT_MS + 1)
