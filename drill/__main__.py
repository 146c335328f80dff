"""``python -m drill`` runs the command line."""

from drill.cli import main

if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    main()
