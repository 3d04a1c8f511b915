#!/usr/bin/env bash
# Prints the instant every injector of a scaled-out run starts its first level at (ISO-8601 UTC):
# now + START_DELAY seconds (default 180: time for each agent to check out and build before it).
set -euo pipefail
date -u -d "+${START_DELAY:-180} sec" +%FT%TZ
