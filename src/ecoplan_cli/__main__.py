from ecoplan_cli.cli import main

main()
