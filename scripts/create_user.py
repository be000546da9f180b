#!/usr/bin/env python3
"""Create a user of AddaxAI Connect.

    scripts/create_user.py --email someone@example.org --role admin|analyst|viewer [--full-name NAME]
                           [--password PASSWORD | --password-stdin]

Without --password or --password-stdin the password is asked for twice. Settings (DATABASE_URL, ...)
come from the environment and .env like every service. A thin wrapper around
`python -m addax_api.cli create-user`.
"""

import sys

from addax_api.cli import main

if __name__ == "__main__":
    sys.exit(main(["create-user", *sys.argv[1:]]))
