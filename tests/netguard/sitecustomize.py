"""Started with every Python process a test runs (``PYTHONPATH``): the network guard of
``netguard.py`` goes in before any code of the process runs."""

import netguard

netguard.install()
