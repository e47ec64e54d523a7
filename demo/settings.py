"""Production settings plus the demo app, only to seed a throwaway production-like site with the demo.

`make bench` and `make drill` measure and break a site running the production settings, filled
with the demo first: they run `load_demo_content --force` with this module, then serve with the
production settings, which never install the demo.
"""

from cms.settings.production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
