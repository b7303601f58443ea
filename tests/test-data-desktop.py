#!/usr/bin/python3
# test-data-desktop.py: the desktop file and the D-Bus service file that
# GNOME starts Stormline through. The desktop file is named after the
# application id, says DBusActivatable=true and has one main category of
# the desktop menu specification; the service file has that id for its
# Name and starts the installed binary in GApplication's service mode.
#
# Usage: test-data-desktop.py DESKTOP SERVICE APP_ID BINDIR
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import configparser
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap_results import check  # noqa: E402
from tap_results import report  # noqa: E402

# The main categories of the Desktop Menu Specification 1.0.
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics",
                   "Network", "Office", "Science", "Settings", "System", "Utility"}

def read(path, group):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser[group] if parser.has_section(group) else {}


def main():
    desktop_path, service_path, app_id, bindir = sys.argv[1:5]

    desktop = read(desktop_path, "Desktop Entry")
    check("the desktop file is named after the application id",
          os.path.basename(desktop_path) == f"{app_id}.desktop", desktop_path)
    check("DBusActivatable=true", desktop.get("DBusActivatable") == "true")
    categories = [c for c in desktop.get("Categories", "").split(";") if c]
    main = [c for c in categories if c in MAIN_CATEGORIES]
    check("one main category, Development", main == ["Development"], categories)
    check("opens the files it is given, of its own type",
          desktop.get("Exec") == "stormline %F" and "application/x-stormline" in desktop.get("MimeType", ""))
    check("the icon is the application id", desktop.get("Icon") == app_id)

    service = read(service_path, "D-BUS Service")
    check("the service file is named after the application id",
          os.path.basename(service_path) == f"{app_id}.service", service_path)
    check("the service's Name is the application id", service.get("Name") == app_id, service.get("Name"))
    exe = os.path.join(bindir, "stormline")
    check(f"the service starts {exe} as a GApplication service",
          service.get("Exec") == f"{exe} --gapplication-service", service.get("Exec"))

    return report()


sys.exit(main())
