import sys

from addax_upload.cli import main

sys.exit(main())
