"""`python -m vanban` runs the `vanban` command line."""

from vanban.cli import main

if __name__ == "__main__":
    main()
