"""The trainee's front end (``drill train``): screens over :class:`drill.training.Walkthrough`."""
