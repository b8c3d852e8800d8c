from ecoplan_cli.entry import main

main()
